package org.dcganstudio.app.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.latent.Interpolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorationTest {

    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Path file = dir.resolve("e.json");
        new Exploration("run", 5, 2, new float[] {0.5f, -1}, new double[0], new double[0], List.of(),
                Interpolation.LERP, 10, 0.25).write(file);
        return file;
    }

    private String refusedWith(String from, String to) throws IOException {
        Path file = saved();
        String json = Files.readString(file);
        Files.writeString(file, json.replace(from, to));
        return assertThrows(IOException.class, () -> Exploration.read(file, 2)).getMessage();
    }

    @Test
    void readsWhatItWrote() throws IOException {
        Exploration e = Exploration.read(saved(), 2);
        assertEquals(10, e.frames());
        assertEquals(5, e.modelStep());
    }

    @Test
    void framesAreBoundedAndNeverWrapped() throws IOException {
        Path file = dir.resolve("e.json");
        assertEquals(file + ": 'frames': 1e8 is not a whole number in [2, 64]",
                refusedWith("\"frames\": 10", "\"frames\": 1e8"));
        assertEquals(file + ": 'frames': 4294967312 is not a whole number in [2, 64]",
                refusedWith("\"frames\": 10", "\"frames\": 4294967312"));
        assertEquals(file + ": 'frames': 2.5 is not a whole number in [2, 64]",
                refusedWith("\"frames\": 10", "\"frames\": 2.5"));
    }

    @Test
    void stepIsWholeAndInRange() throws IOException {
        Path file = dir.resolve("e.json");
        assertEquals(file + ": 'step': 1e30 is not a whole number in [0, " + Long.MAX_VALUE + "]",
                refusedWith("\"step\": 5", "\"step\": 1e30"));
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedBeforeItIsParsed() throws IOException {
        Path file = saved();
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Exploration.MAX_FILE_BYTES + 1);
        }
        assertEquals(file + ": " + (Exploration.MAX_FILE_BYTES + 1) + " bytes is above the limit of "
                + Exploration.MAX_FILE_BYTES + " for an exploration file",
                assertThrows(IOException.class, () -> Exploration.read(file, 2)).getMessage());
    }
}
