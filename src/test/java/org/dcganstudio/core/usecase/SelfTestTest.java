package org.dcganstudio.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.dcganstudio.core.io.ShippedAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfTestTest {

    @Test
    void theShippedModelGeneratesAndTrainsAndNothingIsLeftBehind(@TempDir Path tmpBase) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = SelfTest.run(new PrintStream(text, true, StandardCharsets.UTF_8), tmpBase);
        String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("default model:") && out.contains("generated one image")
                && out.contains("trained 2 steps") && out.contains("self-test passed"), out);
        try (Stream<Path> left = Files.list(tmpBase)) {
            assertEquals(List.of(), left.toList(), "the temporary folder is deleted");
        }
    }

    @Test
    void foldersOfGoneOrDayOldSelfTestsAreRemovedAndNothingElse(@TempDir Path tmpBase) throws Exception {
        // Process ids stop far below this, so no process has it.
        Path gone = Files.createDirectory(tmpBase.resolve(SelfTest.PREFIX + "-999999999999-1"));
        Files.writeString(gone.resolve("generated.png"), "x");
        Path running = Files.createDirectory(tmpBase.resolve(SelfTest.PREFIX + "-" + ProcessHandle.current().pid()
                + "-2"));
        Path oldStyleFresh = Files.createDirectory(tmpBase.resolve(SelfTest.PREFIX + "123"));
        Path oldStyleOld = Files.createDirectory(tmpBase.resolve(SelfTest.PREFIX + "456"));
        Path someoneElses = Files.createDirectory(tmpBase.resolve("photos"));
        Path aFile = Files.writeString(tmpBase.resolve(SelfTest.PREFIX + "-999999999999-3"), "mine");
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path p : List.of(oldStyleOld, someoneElses, aFile)) {
            Files.setLastModifiedTime(p, twoDaysAgo);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        SelfTest.removeStale(tmpBase, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertFalse(Files.exists(gone));
        assertFalse(Files.exists(oldStyleOld));
        assertTrue(Files.isDirectory(running) && Files.isDirectory(oldStyleFresh) && Files.isDirectory(someoneElses));
        assertEquals("mine", Files.readString(aFile));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("removed " + gone), text.toString());
    }

    @Test
    void aMissingDefaultModelFailsWithWhereItLooked(@TempDir Path empty) {
        String old = System.getProperty(ShippedAssets.PROPERTY);
        System.setProperty(ShippedAssets.PROPERTY, empty.toString());
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int code = SelfTest.run(new PrintStream(text, true, StandardCharsets.UTF_8));
            String out = text.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, out);
            assertTrue(out.contains("FAILED") && out.contains(empty.toString()), out);
        } finally {
            if (old == null) {
                System.clearProperty(ShippedAssets.PROPERTY);
            } else {
                System.setProperty(ShippedAssets.PROPERTY, old);
            }
        }
    }
}
