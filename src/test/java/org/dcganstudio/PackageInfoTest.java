package org.dcganstudio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checked on the sources, not with the layer rules' bytecode: javac writes no class for a
 * package-info.java that holds only a comment.
 */
class PackageInfoTest {

    private static final Path MAIN = Path.of("src/main/java/org/dcganstudio");

    @Test
    void everyPackageSaysWhatItHolds() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            List<Path> missing = dirs.filter(Files::isDirectory)
                    .filter(PackageInfoTest::hasJava)
                    .filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .toList();
            assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
