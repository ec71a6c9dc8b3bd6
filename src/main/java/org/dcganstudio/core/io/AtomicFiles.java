package org.dcganstudio.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader (or a crash) sees the old file or the new one, never half of one:
 * write a temporary file beside the target, force it to disk, then rename it over the target.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** {@code .TARGET.HEX.tmp}, as {@link #createSibling} names them. */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile(
            "\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace
     * @param writer what to write
     * @throws IOException if writing fails; the target is then untouched and no temporary is left
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createSibling(dir, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Forces the directory entry of the rename to disk: without it a power cut after the rename
     * can bring back the old file (or none) although the new content was forced.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; there the rename's own durability has to do.
        }
    }

    /**
     * Whether {@code file} is one of the temporaries {@link #write} makes beside a target named
     * {@code targetName} ({@code .NAME.HEX.tmp}); a writer that died leaves them behind.
     */
    public static boolean isTemporaryOf(Path file, java.util.function.Predicate<String> targetName) {
        Path name = file.getFileName();
        java.util.regex.Matcher m = TEMPORARY.matcher(name == null ? "" : name.toString());
        return m.matches() && targetName.test(m.group(1));
    }

    /**
     * A new empty file beside the target. Not {@code createTempFile}: its owner-only permissions
     * would stay on the renamed file, so a user's export would be unreadable to others; a plain
     * create gets the usual permissions (the umask's).
     */
    private static Path createSibling(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }
}
