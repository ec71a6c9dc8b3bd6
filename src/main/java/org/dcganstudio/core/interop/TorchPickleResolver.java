package org.dcganstudio.core.interop;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcganstudio.core.interop.RestrictedUnpickler.Global;
import org.dcganstudio.core.interop.RestrictedUnpickler.Tuple;

/**
 * What a state dict pickle may name, and no more: the globals {@code torch.load(weights_only=True)}
 * allows for tensors (OrderedDict, {@code _rebuild_tensor_v2}, {@code _rebuild_parameter} and the
 * storage types, which only ever appear inside persistent ids). Tensors come out as
 * {@link TensorRef}s: where their values lie, not the values.
 */
final class TorchPickleResolver implements RestrictedUnpickler.Resolver {

    /** A storage as the pickle describes it; its bytes stay in the archive until needed. */
    record Storage(String key, String type, long numel) {}

    /** A tensor's view of a storage. */
    record TensorRef(Storage storage, long offset, long[] shape, long[] stride) {}

    private static final Global ORDERED_DICT = new Global("collections", "OrderedDict");
    private static final Global REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");
    private static final Global REBUILD_PARAMETER = new Global("torch._utils", "_rebuild_parameter");

    /** The storage classes torch pickles by their legacy names ({@code torch.FloatStorage} …). */
    private static final Set<String> STORAGE_TYPES = Set.of("FloatStorage", "HalfStorage", "DoubleStorage",
            "BFloat16Storage", "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage",
            "BoolStorage", "ComplexFloatStorage", "ComplexDoubleStorage", "QInt8Storage", "QUInt8Storage",
            "QInt32Storage");

    private final String source;
    private final Map<String, Storage> storages = new HashMap<>();

    TorchPickleResolver(String source) {
        this.source = source;
    }

    @Override
    public boolean allows(String module, String name) {
        Global g = new Global(module, name);
        return g.equals(ORDERED_DICT) || g.equals(REBUILD_TENSOR) || g.equals(REBUILD_PARAMETER)
                || module.equals("torch") && STORAGE_TYPES.contains(name);
    }

    @Override
    public Object call(Global callable, List<Object> args) throws IOException {
        if (callable.equals(ORDERED_DICT) && args.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (callable.equals(REBUILD_TENSOR) && (args.size() == 6 || args.size() == 7)) {
            if (!(args.get(0) instanceof Storage s)) {
                throw new IOException(source + ": _rebuild_tensor_v2 on " + RestrictedUnpickler.describe(args.get(0))
                        + ", not a storage");
            }
            return new TensorRef(s, integer(args.get(1), "storage offset"), integers(args.get(2), "size"),
                    integers(args.get(3), "stride"));
        }
        if (callable.equals(REBUILD_PARAMETER) && args.size() == 3 && args.get(0) instanceof TensorRef t) {
            return t;
        }
        throw new IOException(source + ": the pickle calls " + callable + " with " + args.size()
                + " arguments, which a state dict never does; nothing from the file was run");
    }

    @Override
    public Object persistentLoad(Object pid) throws IOException {
        if (!(pid instanceof Tuple t) || t.items().size() != 5 || !"storage".equals(t.items().get(0))
                || !(t.items().get(1) instanceof Global type) || !type.module().equals("torch")
                || !(t.items().get(2) instanceof String key)) {
            throw new IOException(source + ": a persistent id that is not ('storage', type, key, location, numel)");
        }
        long numel = integer(t.items().get(4), "storage numel");
        Storage s = new Storage(key, type.name(), numel);
        Storage before = storages.putIfAbsent(key, s);
        if (before != null && !before.equals(s)) {
            throw new IOException(source + ": storage " + key + " is described twice, as " + before.type() + " of "
                    + before.numel() + " and as " + s.type() + " of " + s.numel());
        }
        return s;
    }

    @Override
    public void build(Object target, Object state) throws IOException {
        // torch sets OrderedDict._metadata (module versions) this way; it says nothing about the values
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == RestrictedUnpickler.NONE)) {
            throw new IOException(source + ": the pickle sets the state of " + RestrictedUnpickler.describe(target)
                    + ", which a state dict never does");
        }
    }

    private long integer(Object o, String what) throws IOException {
        if (o instanceof Long l && l >= 0) {
            return l;
        }
        throw new IOException(source + ": a tensor's " + what + " is " + o + ", not a count");
    }

    private long[] integers(Object o, String what) throws IOException {
        if (!(o instanceof Tuple t)) {
            throw new IOException(source + ": a tensor's " + what + " is " + RestrictedUnpickler.describe(o)
                    + ", not a tuple");
        }
        long[] v = new long[t.items().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = integer(t.items().get(i), what);
        }
        return v;
    }
}
