package org.dcganstudio.core.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that builds data, never objects: it knows the opcodes {@code torch.save} writes
 * (protocol 2, plus the few protocol 4 framing ones) and hands every global and every call to a
 * {@link Resolver} that allows a fixed list. Nothing named in the pickle is ever looked up or run.
 * Python values become Java ones: str → String, int → Long, float → Double, bool → Boolean,
 * None → {@link #NONE}, tuple → {@link Tuple}, list → ArrayList, dict → LinkedHashMap.
 * Every length is checked against the bytes left before anything is allocated.
 */
final class RestrictedUnpickler {

    /** Python's None (a Java null would be ambiguous with "absent"). */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple. */
    record Tuple(List<Object> items) {}

    /** A global the resolver allowed, as the pickle named it. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** What the pickle may reach: the allowed globals, what calling them gives, and persistent ids. */
    interface Resolver {
        boolean allows(String module, String name);

        Object call(Global callable, List<Object> args) throws IOException;

        Object persistentLoad(Object pid) throws IOException;

        /** BUILD on {@code target}: only an OrderedDict's attributes (torch's {@code _metadata}) are expected. */
        void build(Object target, Object state) throws IOException;
    }

    /** Globals are "module\nname\n"; Python's longest qualified names are far below this. */
    private static final int MAX_GLOBAL_LINE = 1024;

    /** LONG1 carries at most 8 bytes here: tensor sizes, strides and offsets fit a Java long. */
    private static final int MAX_LONG1_BYTES = 8;

    private static final Object MARK = new Object();

    private final byte[] data;
    private final String source;
    private final Resolver resolver;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayDeque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int pos;

    private RestrictedUnpickler(byte[] data, String source, Resolver resolver) {
        this.data = data;
        this.source = source;
        this.resolver = resolver;
    }

    /**
     * Reads one pickle.
     *
     * @param source the file (and entry) named in messages
     * @throws IOException naming {@code source}, the opcode or global at fault and its offset
     */
    static Object load(byte[] pickle, String source, Resolver resolver) throws IOException {
        return new RestrictedUnpickler(pickle, source, resolver).run();
    }

    private Object run() throws IOException {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) {
                        throw error(at, "pickle protocol " + proto + " (at most 5 exists)");
                    }
                }
                case 0x95 -> take(8); // FRAME: a length hint only
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw error(at, "STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                case '(' -> marks.push(stack.size());
                case '}' -> stack.add(new LinkedHashMap<>());
                case ']' -> stack.add(new ArrayList<>());
                case ')' -> stack.add(new Tuple(List.of()));
                case 't' -> stack.add(new Tuple(popMark(at)));
                case 0x85 -> stack.add(new Tuple(popN(1, at)));
                case 0x86 -> stack.add(new Tuple(popN(2, at)));
                case 0x87 -> stack.add(new Tuple(popN(3, at)));
                case 'X' -> stack.add(string(u32()));
                case 0x8c -> stack.add(string(u8())); // SHORT_BINUNICODE
                case 'q' -> memo.put((long) u8(), top(at));
                case 'r' -> memo.put(u32(), top(at));
                case 0x94 -> memo.put((long) memo.size(), top(at)); // MEMOIZE
                case 'h' -> stack.add(memoGet(u8(), at));
                case 'j' -> stack.add(memoGet(u32(), at));
                case 'J' -> stack.add((long) ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
                case 'K' -> stack.add((long) u8());
                case 'M' -> stack.add((long) (u8() | u8() << 8));
                case 0x8a -> stack.add(long1(at));
                case 'G' -> stack.add(ByteBuffer.wrap(take(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'N' -> stack.add(NONE);
                case 'c' -> stack.add(global(line(at), line(at), at));
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error(at, "STACK_GLOBAL needs two strings");
                    }
                    stack.add(global(m, n, at));
                }
                case 'R' -> {
                    Object args = pop(at);
                    Object callable = pop(at);
                    if (!(callable instanceof Global g) || !(args instanceof Tuple t)) {
                        throw error(at, "REDUCE on " + describe(callable) + ", not an allowed global with a tuple");
                    }
                    stack.add(resolver.call(g, t.items()));
                }
                case 'Q' -> stack.add(resolver.persistentLoad(pop(at)));
                case 's' -> {
                    Object value = pop(at);
                    Object key = pop(at);
                    dict(top(at), at).put(key, value);
                }
                case 'u' -> {
                    List<Object> items = popMark(at);
                    if (items.size() % 2 != 0) {
                        throw error(at, "SETITEMS with an odd number of values");
                    }
                    Map<Object, Object> d = dict(top(at), at);
                    for (int i = 0; i < items.size(); i += 2) {
                        d.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'a' -> {
                    Object value = pop(at);
                    list(top(at), at).add(value);
                }
                case 'e' -> {
                    List<Object> items = popMark(at);
                    list(top(at), at).addAll(items);
                }
                case 'b' -> {
                    Object state = pop(at);
                    resolver.build(top(at), state);
                }
                default -> throw error(at, String.format("unsupported pickle opcode 0x%02x", op));
            }
        }
    }

    private Object global(String module, String name, int at) throws IOException {
        if (!resolver.allows(module, name)) {
            throw new IOException(source + ": refused the pickle global '" + module + "." + name + "' at byte " + at
                    + " (only tensors, storages and OrderedDict are allowed, as torch.load(weights_only=True)); "
                    + "nothing from the file was run");
        }
        return new Global(module, name);
    }

    private IOException error(int at, String what) {
        return new IOException(source + ": " + what + " at byte " + at + " of the pickle");
    }

    private int u8() throws IOException {
        if (pos >= data.length) {
            throw error(pos, "pickle ends without STOP");
        }
        return data[pos++] & 0xff;
    }

    private long u32() throws IOException {
        return ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
    }

    private byte[] take(long n) throws IOException {
        if (n > data.length - pos) {
            throw error(pos, "a length of " + n + " bytes, but only " + (data.length - pos) + " are left");
        }
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    private String string(long n) throws IOException {
        return new String(take(n), StandardCharsets.UTF_8);
    }

    private String line(int at) throws IOException {
        int start = pos;
        while (pos < data.length && data[pos] != '\n') {
            if (pos - start >= MAX_GLOBAL_LINE) {
                throw error(at, "a GLOBAL name longer than " + MAX_GLOBAL_LINE + " bytes");
            }
            pos++;
        }
        if (pos >= data.length) {
            throw error(at, "GLOBAL without its end of line");
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private Long long1(int at) throws IOException {
        int n = u8();
        if (n > MAX_LONG1_BYTES) {
            throw error(at, "an integer of " + n + " bytes (at most " + MAX_LONG1_BYTES + " are read)");
        }
        byte[] b = take(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && b[n - 1] < 0) {
            v -= 1L << (8 * n); // two's complement of n bytes
        }
        return v;
    }

    private Object memoGet(long index, int at) throws IOException {
        Object v = memo.get(index);
        if (v == null) {
            throw error(at, "memo entry " + index + " read before it was written");
        }
        return v;
    }

    private Object pop(int at) throws IOException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
            throw error(at, "an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top(int at) throws IOException {
        if (stack.isEmpty()) {
            throw error(at, "an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n, int at) throws IOException {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop(at);
        }
        return List.of(items);
    }

    private List<Object> popMark(int at) throws IOException {
        if (marks.isEmpty()) {
            throw error(at, "no MARK to collect to");
        }
        List<Object> top = stack.subList(marks.pop(), stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) throws IOException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw error(at, "SETITEM on " + describe(o) + ", not a dict");
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) throws IOException {
        if (o instanceof List<?> l && !(o instanceof Tuple)) {
            return (List<Object>) l;
        }
        throw error(at, "APPEND on " + describe(o) + ", not a list");
    }

    static String describe(Object o) {
        if (o instanceof Tuple) {
            return "a tuple";
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        return o instanceof Global g ? "the global " + g : "a " + o.getClass().getSimpleName();
    }
}
