package org.dcganstudio.core.data.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.dcganstudio.core.data.DataException;

/**
 * The entries of a tar stream, in one pass and without unpacking, read by Commons Compress (which
 * knows ustar, old GNU, GNU long names and pax headers). What this adds is errors a user can act
 * on: a damaged or cut-off archive is reported with the archive, the entry and the byte offset
 * instead of the library's bare "Truncated TAR archive", and no entry is read into memory past a
 * limit the caller states.
 */
final class TarReader {

    /** An entry: its path inside the archive, content length, and whether it is a regular file. */
    record Entry(String name, long size, boolean isFile) {}

    private final Path archive;
    private final Source source;
    private final Records tar;
    private TarArchiveEntry current;

    /** @param archive named in errors */
    TarReader(InputStream in, Path archive) {
        this.archive = archive;
        this.source = new Source(in);
        this.tar = new Records(source);
    }

    /**
     * Moves to the next entry, skipping what is left of the current one; pax and GNU long-name
     * records are applied to the entry they precede and not reported themselves.
     *
     * @return the entry, or null at the end of the archive
     * @throws DataException if the archive is truncated or a header is damaged
     */
    Entry next() throws IOException {
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException e) {
            throwExplained(e);
            throw e;
        }
        if (tar.cutHeaderAt >= 0) {
            throw new DataException(archive + " ends inside the tar header at byte " + tar.cutHeaderAt);
        }
        current = entry;
        return entry == null ? null : new Entry(entry.getName(), entry.getSize(), isRegularFile(entry));
    }

    /**
     * The whole content of the current entry.
     *
     * @param limit the most bytes the caller accepts for this entry, at most
     *     {@code Integer.MAX_VALUE - 8}; checked before anything is allocated, so that a damaged or
     *     hostile size field cannot exhaust memory
     * @param what what the entry should be, for the error, e.g. "a CIFAR-10 class list"
     * @throws DataException if the entry is over {@code limit} or the archive ends inside it
     */
    byte[] content(long limit, String what) throws IOException {
        long size = current.getSize();
        if (size > limit) {
            throw new DataException(archive + ": " + current.getName() + " is " + size + " bytes, more than "
                    + what + " can be (" + limit + " bytes)");
        }
        try {
            return tar.readNBytes(Math.toIntExact(size));
        } catch (IOException e) {
            throwExplained(e);
            throw e;
        }
    }

    /**
     * Commons Compress reports a cut-off archive and a damaged header as plain IOExceptions. What
     * the raw stream did tells them apart from its own failures (a failing disk, a damaged gzip
     * stream), which keep their exception for the caller to report: then this returns.
     */
    private void throwExplained(IOException e) {
        if (tar.cutHeaderAt >= 0) {
            throw new DataException(archive + " ends inside the tar header at byte " + tar.cutHeaderAt, e);
        }
        if (source.failure != null) {
            return;
        }
        if (source.ended) {
            TarArchiveEntry at = tar.getCurrentEntry();
            String where = at == null ? "the tar header" : at.getName();
            throw new DataException(archive + " ends inside " + where + " at byte " + tar.getBytesRead(), e);
        }
        throw new DataException(archive + " is damaged: the tar header at byte " + tar.lastRecordAt
                + " cannot be read (" + e.getMessage() + ")", e);
    }

    /**
     * Plain and contiguous files only, as tar writes them: Commons Compress also counts links,
     * devices and FIFOs as files, whose content is not the data a reader looks for.
     */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    /**
     * Checks every header record's checksum, which Commons Compress's stream does not: a gzip
     * stream that decompresses cleanly can still hold garbage (a file renamed to .tar.gz, a broken
     * writer), and a garbage size would be trusted. (The extension records of old GNU sparse
     * files carry no checksum and are refused too; data set archives hold no sparse files.) It
     * also tells a header cut short, which the library takes for the end of the archive, from a
     * proper end.
     */
    private final class Records extends TarArchiveInputStream {

        /** Where the last header record began, or -1. */
        long lastRecordAt = -1;
        /** Where a header that the stream ends inside began, or -1. */
        long cutHeaderAt = -1;
        /** After the first zero record only the end-of-archive padding follows, which may be cut. */
        private boolean trailer;

        /**
         * Lenient, because old GNU and other writers put odd values in the time, owner and mode
         * fields, none of which matters for reading files by their name.
         */
        Records(InputStream in) {
            super(in, true);
        }

        @Override
        protected byte[] readRecord() throws IOException {
            long start = getBytesRead();
            byte[] record = super.readRecord();
            if (record == null) {
                if (getBytesRead() > start && !trailer) {
                    cutHeaderAt = start;
                }
                return null;
            }
            if (isEOFRecord(record)) {
                trailer = true;
            } else if (!trailer) {
                lastRecordAt = start;
                if (!TarUtils.verifyCheckSum(record)) {
                    throw new DataException(archive + " is damaged: the tar header at byte " + start
                            + " fails its checksum");
                }
            }
            return record;
        }
    }

    /** Remembers how the raw stream stopped: it ran out, as a truncated archive does, or it failed. */
    private static final class Source extends FilterInputStream {

        private boolean ended;
        private IOException failure;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                ended |= b < 0;
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                ended |= n < 0;
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
