package org.dcganstudio.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.data.DataException;

/**
 * What the fuzz tests share: the readers take paths, so each input is written to one file in a
 * folder of its own, and the only failures a reader may show a user are the documented ones, each
 * with a message.
 */
public final class FuzzFiles {

    /** One folder per JVM: a fuzzing run calls a target millions of times, so files are overwritten, not made anew. */
    private static final Path DIR = createDir();

    private FuzzFiles() {}

    public interface Reader {
        void read() throws Exception;
    }

    public static Path write(String name, byte[] data) {
        try {
            return Files.write(DIR.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a reader; a refusal is fine when it is an {@link IOException}, an
     * {@link IllegalArgumentException} or a {@link DataException} that says something. Anything
     * else (a NullPointerException, an index out of bounds, an OutOfMemoryError) escapes and is
     * Jazzer's finding.
     */
    public static void refusedClearlyIfBad(Reader reader) throws Exception {
        try {
            reader.read();
        } catch (IOException | IllegalArgumentException | DataException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without a message", e);
            }
        }
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("dcgan-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
