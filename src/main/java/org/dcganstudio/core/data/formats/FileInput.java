package org.dcganstudio.core.data.formats;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dcganstudio.core.data.DataException;

/** Opening the files a reader was pointed at, with errors that name them. */
final class FileInput {

    private static final int BUFFER = 1 << 16;

    /** First allocation of {@link #readDeclared}, doubled as the content proves to be there. */
    private static final int STEP = 1 << 24;

    private FileInput() {}

    /** Fails unless {@code file} is an existing regular file. */
    static void requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + " is a folder, not " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + " does not exist");
        }
    }

    /**
     * True when the file starts with the gzip magic. Decided by content because downloads are
     * often unpacked by the browser but keep their {@code .gz} name, or the other way round.
     */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The file's content, decompressed when it is gzipped. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        return isGzip(file) ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
    }

    /**
     * Fails now, before a large allocation, when a plain file is shorter than its header declares;
     * a gzipped file can only be checked as it is read, by {@link #readFully}.
     */
    static void requireLength(Path file, long declared) throws IOException {
        if (!isGzip(file)) {
            long size = Files.size(file);
            if (size < declared) {
                throw truncated(file, size, declared);
            }
        }
    }

    /**
     * The next {@code n} bytes of a file's content.
     *
     * @param offset where in the (uncompressed) content they start, for the message
     */
    static byte[] readFully(InputStream in, Path file, long offset, int n) throws IOException {
        byte[] bytes = new byte[n];
        int got = in.readNBytes(bytes, 0, n);
        if (got < n) {
            throw truncated(file, offset + got, offset + n);
        }
        return bytes;
    }

    /**
     * The next {@code n} bytes, read in steps so that a header declaring more than the content
     * holds fails once the content ends, not with an allocation of its declared size first: a gzip
     * stream's length is not known until it has been read.
     */
    static byte[] readDeclared(InputStream in, Path file, long offset, int n) throws IOException {
        byte[] bytes = new byte[Math.min(n, STEP)];
        int got = 0;
        while (got < n) {
            if (got == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
            }
            int r = in.read(bytes, got, bytes.length - got);
            if (r < 0) {
                throw truncated(file, offset + got, offset + n);
            }
            got += r;
        }
        return bytes;
    }

    /**
     * Reads on to the end of the content: a gzip stream's CRC and length are checked only when its
     * end is read, and a damaged one must be refused, not taken for pixels.
     */
    static void requireEnd(InputStream in, Path file, long declared) throws IOException {
        // One byte decides: counting the rest would inflate whatever a damaged stream goes on to hold.
        if (in.read() >= 0) {
            throw new DataException(file + " holds more than the " + declared + " bytes its header declares");
        }
    }

    static DataException truncated(Path file, long got, long expected) {
        return new DataException(file + " ends after " + got + " of " + expected + " bytes");
    }

    /**
     * The error for a failed read: a damaged or cut-off gzip stream reports itself as a
     * {@link ZipException} or {@link EOFException}, which the user should see as a bad file rather
     * than as an I/O fault.
     */
    static DataException failure(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataException(file + " is damaged or truncated (" + e.getMessage() + ")", e);
        }
        return new DataException("cannot read " + file + ": " + e, e);
    }
}
