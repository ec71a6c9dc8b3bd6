package org.dcganstudio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Layer rules, checked on the sources. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/dcganstudio");

    @Test
    void coreNeverImportsJavaFx() throws IOException {
        List<String> offenders = mentioning(MAIN.resolve("core"), "javafx.");
        assertTrue(offenders.isEmpty(), "core must not depend on JavaFX: " + offenders);
    }

    @Test
    void viewModelsUsePropertiesButNoNodes() throws IOException {
        for (String ui : List.of("javafx.scene", "javafx.stage", "javafx.application", "javafx.animation")) {
            List<String> offenders = mentioning(MAIN.resolve("app"), ui);
            assertTrue(offenders.isEmpty(), "ViewModels must not use " + ui + " (Views do): " + offenders);
        }
    }

    @Test
    void viewsReachTheCoreOnlyThroughViewModels() throws IOException {
        List<String> offenders = mentioning(MAIN.resolve("ui"), "org.dcganstudio.core");
        assertTrue(offenders.isEmpty(), "Views must talk to ViewModels in org.dcganstudio.app, not the core: "
                + offenders);
    }

    @Test
    void everyPackageSaysWhatItHolds() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            List<Path> missing = dirs.filter(Files::isDirectory)
                    .filter(d -> hasJava(d))
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

    /** Source files under {@code root} whose code (not comments) contains {@code text}. */
    private static List<String> mentioning(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return withoutComments(Files.readString(f)).contains(text);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
