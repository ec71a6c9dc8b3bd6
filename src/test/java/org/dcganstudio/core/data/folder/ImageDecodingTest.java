package org.dcganstudio.core.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecodingTest {

    @TempDir
    Path dir;

    @Test
    void aSixteenBitImageIsBoundedByWhatItDecodesTo() throws IOException {
        // 49 megapixels passes the pixel limit, but at 48 bits per pixel it decodes to 294 MB.
        Path png = PngHeaders.write(dir.resolve("deep.png"), 7000, 7000, 16, 2);
        String why = "7000×7000 at 48 bits per pixel decodes to 294000000 bytes, over the limit of "
                + ImageDecoding.MAX_DECODED_BYTES;
        assertEquals(Optional.of(why), ImageDecoding.check(png, ScanOptions.DEFAULT_MAX_PIXELS));
        DataException e = assertThrows(DataException.class,
                () -> ImageDecoding.decode(png, ScanOptions.DEFAULT_MAX_PIXELS));
        assertEquals(png + " is refused: " + why, e.getMessage());
    }

    @Test
    void theSameSizeAtEightBitsIsNotRefusedByTheByteLimit() throws IOException {
        Path png = PngHeaders.write(dir.resolve("rgb.png"), 7000, 7000, 8, 2);
        assertEquals(Optional.empty(), ImageDecoding.check(png, ScanOptions.DEFAULT_MAX_PIXELS));
    }

    @Test
    void aRunGridDeclaringHugeDimensionsIsRefusedBeforeDecoding() throws IOException {
        Path png = PngHeaders.write(dir.resolve("step-00000100.png"), 40000, 30000, 8, 6);
        IOException e = assertThrows(IOException.class, () -> ImageDecoding.readGrid(png));
        assertEquals(png + " is refused: 40000×30000 = 1200 megapixels, over the 50-megapixel limit", e.getMessage());
    }
}
