package org.dcganstudio.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A ZIP file read entry by entry without trusting its headers: an entry's declared size is
 * checked against a limit and against the file's real length before anything is read, the read
 * stops at the declared size however much the data would inflate to, and the bytes read must match
 * the entry's CRC-32 ({@link ZipFile} checks no CRC itself, so a flipped bit inside deflated data
 * can inflate to different bytes without any error).
 */
public final class CheckedZip implements Closeable {

    /**
     * The most an entry may declare per byte of the whole file. Deflate reaches about 1032:1 at
     * best, which is what ZIP bombs use; a checkpoint's largest entry is at most a few times its
     * file (a fresh run's all-zero Adam moments are twice G's weights, which barely compress; a long
     * run's metrics.csv deflates about 3:1), so 16 leaves room and still refuses every bomb.
     */
    public static final long MAX_EXPANSION = 16;

    /** Java arrays stop a little below 2^31 elements. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The most an entry may hold, with the reason shown when it is refused.
     *
     * @param bytes the limit
     * @param reason why this much, for the message
     */
    public record Limit(long bytes, String reason) {}

    private final Path file;
    private final long fileLength;
    private final ZipFile zip;

    private CheckedZip(Path file, long fileLength, ZipFile zip) {
        this.file = file;
        this.fileLength = fileLength;
        this.zip = zip;
    }

    /**
     * Opens a ZIP file and reads its central directory.
     *
     * @throws IOException naming the file when it is not a readable ZIP
     */
    public static CheckedZip open(Path file) throws IOException {
        long length = Files.size(file);
        try {
            return new CheckedZip(file, length, new ZipFile(file.toFile()));
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt or truncated (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            // ZipFile's own, without a message, when an end record points past the end of the file
            throw new IOException(file + ": corrupt or truncated (its central directory runs past the end of the "
                    + length + "-byte file)", e);
        }
    }

    /** Whether the ZIP has an entry of this name. */
    public boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /**
     * Reads one entry whole.
     *
     * @throws IOException naming the file and the entry when it is missing, declares more than
     *     {@code limit} or {@link #MAX_EXPANSION} times the file, holds other than it declares, or
     *     fails its CRC-32
     */
    public byte[] read(String name, Limit limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        String where = file + "!" + name;
        if (entry == null) {
            throw new IOException(where + ": no such entry");
        }
        long size = entry.getSize();
        if (size < 0) {
            throw new IOException(where + ": the ZIP directory declares no size for it");
        }
        long cap = Math.min(limit.bytes(), MAX_ARRAY);
        if (size > cap) {
            throw new IOException(where + ": declares " + size + " bytes, more than the " + cap + " it may hold ("
                    + limit.reason() + ")");
        }
        if (size > MAX_EXPANSION * fileLength) {
            throw new IOException(where + ": declares " + size + " bytes, more than " + MAX_EXPANSION
                    + " times the whole file's " + fileLength + " (a ZIP bomb or a corrupt directory)");
        }
        byte[] data;
        try (InputStream in = zip.getInputStream(entry)) {
            // readNBytes grows with what arrives, so a header that lies upward allocates nothing extra.
            data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new IOException(where + ": holds " + data.length + " bytes, its header declares " + size
                        + " (truncated or corrupt)");
            }
            if (in.read() != -1) {
                throw new IOException(where + ": holds more than the " + size + " bytes its header declares (corrupt)");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(where + ": corrupt (" + e.getMessage() + ")", e);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (crc.getValue() != entry.getCrc()) {
            throw new IOException(where + ": CRC-32 mismatch (the ZIP says " + Long.toHexString(entry.getCrc())
                    + ", the data is " + Long.toHexString(crc.getValue()) + "): the file is corrupt");
        }
        return data;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
