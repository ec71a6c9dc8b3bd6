package org.dcganstudio.core.interop;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The archive {@code torch.save} writes since PyTorch 1.6: {@code <name>/data.pkl} (the pickle),
 * {@code <name>/data/<key>} (one raw storage per key), {@code <name>/byteorder} (absent before
 * PyTorch 2.1: then little-endian) and {@code <name>/version}. Entries are read only up to the
 * limits below, whatever sizes the archive claims.
 */
final class TorchZip implements Closeable {

    /**
     * A state dict's pickle holds only names, shapes and storage keys (a few hundred bytes per
     * tensor); 64 MiB is far beyond any real one and keeps a hostile file from filling memory.
     */
    static final int MAX_PICKLE_BYTES = 64 << 20;

    /**
     * One storage becomes one Java array, and the whole state dict one safetensors byte array:
     * both stop below 2 GiB. 1 GiB is 40 times a 64×64 pytorch/examples generator.
     */
    static final long MAX_STORAGE_BYTES = 1L << 30;

    private final ZipFile zip;
    private final Path file;
    private final String prefix;
    private final ByteOrder order;

    private TorchZip(ZipFile zip, Path file, String prefix, ByteOrder order) {
        this.zip = zip;
        this.file = file;
        this.prefix = prefix;
        this.order = order;
    }

    static TorchZip open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable torch.save archive (" + e.getMessage() + ")");
        }
        try {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(slash).equals("/data.pkl")) {
                    if (prefix != null) {
                        throw new IOException(file + ": two pickles (" + prefix + "data.pkl and " + name
                                + "); torch.save writes one");
                    }
                    prefix = name.substring(0, slash + 1);
                }
            }
            if (prefix == null) {
                throw new IOException(file + ": a zip file without <name>/data.pkl, so not a torch.save archive");
            }
            TorchZip tz = new TorchZip(zip, file, prefix, ByteOrder.LITTLE_ENDIAN);
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo == null) {
                return tz;
            }
            String order = new String(tz.read(bo, 16, "byteorder"), StandardCharsets.US_ASCII).trim();
            return switch (order) {
                case "little" -> tz;
                case "big" -> new TorchZip(zip, file, prefix, ByteOrder.BIG_ENDIAN);
                default -> throw new IOException(file + ": byteorder is '" + order + "', expected little or big");
            };
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    byte[] pickle() throws IOException {
        return read(zip.getEntry(prefix + "data.pkl"), MAX_PICKLE_BYTES, "data.pkl");
    }

    ByteOrder order() {
        return order;
    }

    /** The raw bytes of storage {@code key}, which must be exactly {@code bytes} long. */
    byte[] storage(String key, long bytes) throws IOException {
        if (!key.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IOException(file + ": storage key '" + key + "' is not a torch.save storage name");
        }
        if (bytes > MAX_STORAGE_BYTES) {
            throw new IOException(file + ": storage " + key + " holds " + bytes + " bytes, more than the limit of "
                    + MAX_STORAGE_BYTES);
        }
        ZipEntry e = zip.getEntry(prefix + "data/" + key);
        if (e == null) {
            throw new IOException(file + ": storage " + key + " is missing (no entry " + prefix + "data/" + key + ")");
        }
        byte[] b = read(e, bytes, "data/" + key);
        if (b.length != bytes) {
            throw new IOException(file + ": storage " + key + " has " + b.length + " bytes, its tensors need " + bytes);
        }
        return b;
    }

    private byte[] read(ZipEntry e, long limit, String what) throws IOException {
        if (e.getSize() > limit) {
            throw new IOException(file + ": " + what + " is " + e.getSize() + " bytes, more than the " + limit
                    + " it may be");
        }
        try (InputStream in = zip.getInputStream(e)) {
            // one byte past the limit tells a lying size from a right one without reading it all
            byte[] b = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (b.length > limit) {
                throw new IOException(file + ": " + what + " is more than the " + limit + " bytes it may be");
            }
            return b;
        } catch (ZipException z) {
            throw new IOException(file + ": " + what + " is corrupt (" + z.getMessage() + ")");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
