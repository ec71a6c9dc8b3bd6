package org.dcganstudio.core.export;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Failed writes that name the file being written. The file system's "No space left on device" and
 * ImageIO's "I/O error writing PNG file!" name none, and a user with several outputs cannot tell
 * which one failed.
 */
public final class NamedWrites {

    /** A write that may fail. */
    @FunctionalInterface
    public interface Write {
        /** Writes. */
        void run() throws IOException;
    }

    private NamedWrites() {}

    /** Runs {@code write}; an IOException comes out as {@code cannot write FILE: reason}. */
    public static void to(Path file, Write write) throws IOException {
        try {
            write.run();
        } catch (IOException e) {
            throw naming(file, e);
        }
    }

    /** {@code e} as {@code cannot write FILE: reason}, with the reason ImageIO hides one level down. */
    static IOException naming(Path file, IOException e) {
        String prefix = "cannot write " + file + ": ";
        if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
            return e;
        }
        String reason = reason(e);
        if (e.getCause() instanceof IOException cause && cause.getMessage() != null) {
            reason = reason + " (" + reason(cause) + ")";
        }
        return new IOException(prefix + reason, e);
    }

    // A FileSystemException's message can be a bare path ("/tmp/a"): say what happened to it.
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            return f.getFile() + " (" + f.getClass().getSimpleName() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
