package org.dcganstudio.core.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a file under its own name in the cache still is the one the catalog published: a disk
 * error, a copy by hand or another program can put anything there after the download checked it.
 */
final class CachedFiles {

    /** Suffix of a cached file that failed its check and was moved aside (never deleted: it may be the user's). */
    static final String REJECTED_SUFFIX = ".rejected";
    // Past this many rejected copies of one file something keeps writing garbage; stop piling them up.
    private static final int MAX_REJECTED = 100;
    private static final int BUFFER_SIZE = 1 << 16;

    // Hashing CIFAR's 170 MB costs a good part of a second, and the studio asks where a data set is
    // often: a file whose size and modification time have not changed since it matched is trusted
    // for the rest of the process.
    private static final Map<Path, Stamp> MATCHED = new ConcurrentHashMap<>();

    private record Stamp(long size, FileTime modified, String sha256) {}

    private CachedFiles() {}

    /** Whether {@code path} is a regular file of the published size and SHA-256. */
    static boolean intact(RemoteFile file, Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (!a.isRegularFile() || a.size() != file.size()) {
                return false;
            }
            Stamp stamp = new Stamp(a.size(), a.lastModifiedTime(), file.sha256());
            if (stamp.equals(MATCHED.get(path))) {
                return true;
            }
            if (!sha256(path).equals(file.sha256())) {
                return false;
            }
            MATCHED.put(path, stamp);
            return true;
        } catch (IOException e) {
            // Absent or unreadable: not there as far as a reader is concerned.
            return false;
        }
    }

    /** The SHA-256 of a file's content, in lower-case hex. */
    static String sha256(Path path) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Moves a file that failed its check to {@code NAME.rejected} (or {@code NAME.rejected-2}, ...)
     * beside it, so a fresh download can take the name and nothing is lost.
     *
     * @return where it went
     */
    static Path setAside(Path path) throws IOException {
        for (int i = 1; i <= MAX_REJECTED; i++) {
            Path aside = path.resolveSibling(path.getFileName() + REJECTED_SUFFIX + (i == 1 ? "" : "-" + i));
            try {
                // No REPLACE_EXISTING: an earlier rejected copy stays.
                Files.move(path, aside);
                return aside;
            } catch (FileAlreadyExistsException e) {
                // Taken by an earlier rejected copy: try the next name.
            }
        }
        throw new IOException(path + " failed its check but already has " + MAX_REJECTED + " rejected copies beside"
                + " it; remove them");
    }
}
