package org.dcganstudio.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.core.data.folder.PngHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's grid PNG is checked from its header before it is decoded. */
class EvolutionGridReadTest {

    @TempDir
    Path dir;

    @Test
    void aSmallPngDeclaringHugeDimensionsIsRefusedBeforeDecoding() throws IOException {
        Path png = PngHeaders.write(dir.resolve("step-00000100.png"), 40000, 30000, 8, 6);
        IOException e = assertThrows(IOException.class, () -> EvolutionFrames.readGrid(png));
        assertEquals(png + " is refused: 40000×30000 = 1200 megapixels, over the 50-megapixel limit", e.getMessage());
    }
}
