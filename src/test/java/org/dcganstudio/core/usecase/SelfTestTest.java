package org.dcganstudio.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
