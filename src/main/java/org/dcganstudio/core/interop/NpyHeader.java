package org.dcganstudio.core.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} file, read and checked against the file's length before the data
 * is touched, so that a header declaring gigabytes costs nothing but its first bytes.
 *
 * @param order byte order of the data
 * @param itemSize 4 for float32, 8 for float64
 * @param shape the array's dimensions, C order
 * @param dataOffset where the data starts in the file
 */
record NpyHeader(ByteOrder order, int itemSize, long[] shape, long dataOffset) {

    /**
     * NumPy's own {@code np.load} refuses longer headers by default ({@code max_header_size},
     * since 1.24): none it writes needs more, so a longer one is damage or an attack.
     */
    static final int MAX_HEADER = 10_000;

    /**
     * 2^28 float32 values, 1 GiB: far above any latent batch or image set the studio writes, and
     * below what a default heap can hold once as a Java array and once as a tensor.
     */
    static final long MAX_VALUES = 1L << 28;

    private static final int PREFIX_V1 = 10;
    private static final int PREFIX_V2 = 12;
    private static final int CHUNK = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(\\w+)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** At most 18 digits, so that a dimension parses without overflowing a long. */
    private static final Pattern DIMENSION = Pattern.compile("\\d{1,18}");

    static NpyHeader read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer prefix = readAt(ch, 0, (int) Math.min(size, PREFIX_V2)).order(ByteOrder.LITTLE_ENDIAN);
            if (prefix.limit() < PREFIX_V1 || prefix.get(0) != (byte) 0x93 || prefix.get(1) != 'N'
                    || prefix.get(2) != 'U' || prefix.get(3) != 'M' || prefix.get(4) != 'P' || prefix.get(5) != 'Y') {
                throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = prefix.get(6);
            long headerLength;
            int start;
            if (major == 1) {
                headerLength = prefix.getShort(8) & 0xFFFF;
                start = PREFIX_V1;
            } else if ((major == 2 || major == 3) && prefix.limit() >= PREFIX_V2) {
                headerLength = prefix.getInt(8) & 0xFFFFFFFFL;
                start = PREFIX_V2;
            } else {
                throw new IOException(file + ": unsupported .npy format version " + major + " (1, 2 and 3 are read)");
            }
            if (headerLength > MAX_HEADER) {
                throw new IOException(file + ": header length " + headerLength + " bytes is above the limit of "
                        + MAX_HEADER);
            }
            if (start + headerLength > size) {
                throw new IOException(file + ": header length " + headerLength + " bytes runs past the end of the "
                        + size + "-byte file");
            }
            String dict = StandardCharsets.UTF_8.decode(readAt(ch, start, (int) headerLength)).toString();
            return parse(file, dict, start + headerLength, size);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }

    private static NpyHeader parse(Path file, String dict, long dataOffset, long fileSize) throws IOException {
        String descr = field(file, dict, DESCR, "descr");
        ByteOrder order;
        int itemSize;
        switch (descr) {
            case "<f4" -> { order = ByteOrder.LITTLE_ENDIAN; itemSize = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; itemSize = 4; }
            case "<f8" -> { order = ByteOrder.LITTLE_ENDIAN; itemSize = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; itemSize = 8; }
            default -> throw new IOException(file + ": dtype '" + descr
                    + "' is not read; expected float32 or float64 ('<f4', '>f4', '<f8' or '>f8')");
        }
        String fortran = field(file, dict, FORTRAN, "fortran_order");
        if (!fortran.equals("False")) {
            throw new IOException(file + ": fortran_order " + fortran + " is not read; save the array in C order "
                    + "(np.ascontiguousarray)");
        }
        long[] shape = shape(file, field(file, dict, SHAPE, "shape"));
        long count = 1;
        for (long d : shape) {
            if (d > MAX_VALUES || (count = count * d) > MAX_VALUES) {
                throw new IOException(file + ": shape " + shapeText(shape) + " holds more than the limit of "
                        + MAX_VALUES + " values");
            }
        }
        long dataBytes = count * itemSize;
        if (fileSize - dataOffset != dataBytes) {
            throw new IOException(file + ": shape " + shapeText(shape) + " of '" + descr + "' needs " + dataBytes
                    + " data bytes, the file holds " + (fileSize - dataOffset));
        }
        return new NpyHeader(order, itemSize, shape, dataOffset);
    }

    private static String field(Path file, String dict, Pattern pattern, String name) throws IOException {
        Matcher m = pattern.matcher(dict);
        if (!m.find()) {
            throw new IOException(file + ": header has no readable '" + name + "' (" + dict.strip() + ")");
        }
        return m.group(1);
    }

    private static long[] shape(Path file, String text) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String d = part.strip();
            if (d.isEmpty()) {
                continue;
            }
            if (!DIMENSION.matcher(d).matches()) {
                throw new IOException(file + ": shape dimension '" + d + "' is not a whole number of at most 18 digits");
            }
            dims.add(Long.parseLong(d));
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The data as float32; the header has bounded the count, and the file's length matched it. */
    static float[] readValues(Path file, NpyHeader h) throws IOException {
        long count = 1;
        for (long d : h.shape()) {
            count *= d;
        }
        float[] values = new float[(int) count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(h.order());
            long position = h.dataOffset();
            int i = 0;
            while (i < values.length) {
                buf.clear();
                buf.limit((int) Math.min(CHUNK, (long) (values.length - i) * h.itemSize()));
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, position + buf.position());
                    if (n < 0) {
                        throw new IOException(file + ": ends after " + (position + buf.position()) + " bytes");
                    }
                }
                position += buf.limit();
                buf.flip();
                while (buf.hasRemaining()) {
                    values[i++] = h.itemSize() == 4 ? buf.getFloat() : (float) buf.getDouble();
                }
            }
        }
        return values;
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        return buf.flip();
    }
}
