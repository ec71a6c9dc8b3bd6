package org.dcganstudio.core.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ZIP files written byte by byte, so tests can state any size and CRC in the directory and make
 * bombs (data that inflates to gigabytes) in milliseconds, which ZipOutputStream can do neither.
 */
final class CraftedZip {

    /**
     * One entry as it goes into the file.
     *
     * @param data the deflated bytes
     * @param declaredSize the uncompressed size the directory states
     * @param crc the CRC-32 the directory states
     */
    record Entry(byte[] data, long declaredSize, long crc) {

        /** The same data with another size in the directory. */
        Entry declaring(long size) {
            return new Entry(data, size, crc);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The entries of an existing ZIP, re-deflated, with their real sizes and CRCs. */
    static CraftedZip of(Path zip) throws IOException {
        CraftedZip c = new CraftedZip();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    c.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return c;
    }

    /** One entry's content as ZipFile reads it. */
    static String text(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(name))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Puts (or replaces) an entry holding {@code content}. */
    CraftedZip put(String name, String content) {
        return put(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Puts (or replaces) an entry holding {@code content}. */
    CraftedZip put(String name, byte[] content) {
        return put(name, repeated(content, 1));
    }

    /** Puts (or replaces) an entry as given. */
    CraftedZip put(String name, Entry entry) {
        entries.put(name, entry);
        return this;
    }

    /** The entry of this name. */
    Entry get(String name) {
        return entries.get(name);
    }

    /**
     * {@code copies} times {@code chunk}, deflated once: a block flushed to a byte boundary refers
     * only to itself, so repeating its bytes is a valid stream of the repeated data.
     */
    static Entry repeated(byte[] chunk, int copies) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(chunk);
        byte[] block = drain(d, Deflater.SYNC_FLUSH);
        d.finish();
        byte[] end = drain(d, Deflater.NO_FLUSH);
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        for (int i = 0; i < copies; i++) {
            out.writeBytes(block);
            crc.update(chunk);
        }
        out.writeBytes(end);
        return new Entry(out.toByteArray(), (long) chunk.length * copies, crc.getValue());
    }

    private static byte[] drain(Deflater d, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, flush);
            out.write(buf, 0, n);
        } while (n == buf.length || (flush == Deflater.NO_FLUSH && !d.finished()));
        return out.toByteArray();
    }

    /** Writes the ZIP: local headers and data, the central directory, its end record. */
    Path write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> central = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Entry entry = e.getValue();
            int offset = out.size();
            ByteBuffer local = header(0x04034b50, 30 + name.length, name, entry);
            out.writeBytes(local.array());
            out.writeBytes(entry.data());
            ByteBuffer c = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 20);
            c.put(local.array(), 4, 26);
            c.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
            central.add(c.array());
        }
        int start = out.size();
        central.forEach(out::writeBytes);
        int size = out.size() - start;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(size).putInt(start).putShort((short) 0);
        out.writeBytes(end.array());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static ByteBuffer header(int signature, int length, byte[] name, Entry entry) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(signature).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
                .putShort((short) 0x21).putInt((int) entry.crc()).putInt(entry.data().length)
                .putInt((int) entry.declaredSize()).putShort((short) name.length).putShort((short) 0).put(name);
        return b;
    }
}
