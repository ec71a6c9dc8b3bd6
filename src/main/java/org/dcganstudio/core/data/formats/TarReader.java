package org.dcganstudio.core.data.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dcganstudio.core.data.DataException;

/**
 * The entries of a tar stream, in one pass and without unpacking: POSIX ustar and the older
 * V7 and GNU headers, which is all that published data set archives use. Entries other than
 * regular files (folders, links, pax and GNU extension headers) are reported and their content
 * skipped; none of them matters for reading files by their base name.
 */
final class TarReader {

    /** A header: its path inside the archive, content length, and whether it is a regular file. */
    record Entry(String name, long size, boolean isFile) {}

    private static final int BLOCK = 512;

    private final InputStream in;
    private final Path archive;
    private long position;
    private String current;
    private long remaining;
    private long padding;

    /** @param archive named in errors */
    TarReader(InputStream in, Path archive) {
        this.in = in;
        this.archive = archive;
    }

    /**
     * Moves to the next entry, skipping what is left of the current one.
     *
     * @return the entry, or null at the end of the archive
     * @throws DataException if the archive is truncated or a header is damaged
     */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] header = new byte[BLOCK];
        int got = in.readNBytes(header, 0, BLOCK);
        // Writers end an archive with two zero blocks, GNU tar stops at the first like this; a
        // stream that simply ends between entries has lost at most that padding.
        if (got == 0 || isZero(header)) {
            return null;
        }
        if (got < BLOCK) {
            throw new DataException(archive + " ends inside the tar header at byte " + position);
        }
        checkSum(header);
        String name = text(header, 0, 100);
        // Old GNU headers also say "ustar" here but keep other fields where POSIX has the prefix.
        if (text(header, 257, 6).equals("ustar")) {
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        long size = octal(header, 124, 12, "size");
        byte type = header[156];
        position += BLOCK;
        current = name;
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new Entry(name, size, type == '0' || type == 0 || type == '7');
    }

    /**
     * The whole content of the current entry.
     *
     * @throws DataException if the entry is too large for an array or the archive ends inside it
     */
    byte[] content() throws IOException {
        if (remaining > Integer.MAX_VALUE - 8) {
            throw new DataException(archive + ": " + current + " is " + remaining + " bytes, too large to read");
        }
        byte[] bytes = new byte[(int) remaining];
        int got = in.readNBytes(bytes, 0, bytes.length);
        position += got;
        if (got < bytes.length) {
            throw endsInside();
        }
        remaining = 0;
        return bytes;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw endsInside();
                }
                skipped = 1;
            }
            left -= skipped;
            position += skipped;
        }
    }

    private DataException endsInside() {
        return new DataException(archive + " ends inside " + current + " at byte " + position);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A gzip stream that decompresses cleanly can still hold garbage (a file renamed to .tar.gz,
     * a broken writer); the header checksum catches that before a garbage size is trusted. Early
     * writers summed signed bytes, so both sums are accepted.
     */
    private void checkSum(byte[] header) {
        long stored = octal(header, 148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new DataException(archive + " is damaged: the tar header at byte " + position
                    + " fails its checksum");
        }
    }

    /** A NUL- or space-terminated octal number, possibly space-padded in front. */
    private long octal(byte[] header, int offset, int length, String field) {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            if (header[i] < '0' || header[i] > '7') {
                throw new DataException(archive + " is damaged: the tar header at byte " + position + " has "
                        + field + " '" + text(header, offset, length) + "'");
            }
            value = value * 8 + (header[i] - '0');
        }
        return value;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
