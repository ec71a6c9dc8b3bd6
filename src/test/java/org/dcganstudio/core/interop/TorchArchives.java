package org.dcganstudio.core.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-written pickles and torch.save archives, for the cases torch itself never writes. */
final class TorchArchives {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TorchArchives op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    TorchArchives str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').op(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    TorchArchives op(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    TorchArchives global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TorchArchives integer(int v) {
        return op('J').op(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    TorchArchives tuple(int... values) {
        op('(');
        for (int v : values) {
            integer(v);
        }
        return op('t');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A pickle of {key: tensor(storage 0 of type, offset, shape, stride)}, as torch.save writes one. */
    static byte[] oneTensor(String key, String storageType, int numel, int offset, int[] shape, int[] stride) {
        return new TorchArchives().op(0x80, 2).global("collections", "OrderedDict").op(')', 'R', '(').str(key)
                .global("torch._utils", "_rebuild_tensor_v2").op('(', '(').str("storage").global("torch", storageType)
                .str("0").str("cpu").integer(numel).op('t', 'Q').integer(offset).tuple(shape).tuple(stride)
                .op(0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R', 'u', '.').bytes();
    }

    /** A zip as torch.save lays it out: name/data.pkl, name/data/KEY, and the other entries given. */
    static Path zip(Path file, byte[] pickle, Map<String, byte[]> entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(f)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(pickle);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry("archive/" + e.getKey()));
                z.write(e.getValue());
            }
        }
        return file;
    }

    static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
