package org.dcganstudio.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {

    @Test
    void writingAPngLeavesNoImageIoCacheFilesBehind(@TempDir Path dir) throws IOException {
        PngFiles.write(dir.resolve("a.png"), new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));

        // With the cache on, ImageIO streams through imageio*.tmp in java.io.tmpdir, which a kill -9 leaves.
        assertFalse(ImageIO.getUseCache());
        assertEquals(2, ImageIO.read(dir.resolve("a.png").toFile()).getWidth());
    }

    @Test
    void aFullDiskIsReportedWithTheFileItWasWriting() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");

        IOException e = assertThrows(IOException.class,
                () -> NamedWrites.to(full, () -> Files.write(full, new byte[1 << 16])));

        assertEquals("cannot write /dev/full: No space left on device", e.getMessage());
    }

    @Test
    void aFailedWriteNamesTheFileAndTheReasonImageIoHides(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectory(dir.resolve("taken.png"));
        IOException hidden = new IOException("I/O error writing PNG file!", new IOException("No space left on device"));

        IOException e = NamedWrites.naming(file, hidden);
        IOException real = assertThrows(IOException.class,
                () -> PngFiles.write(file, new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB)));

        assertEquals("cannot write " + file + ": I/O error writing PNG file! (No space left on device)", e.getMessage());
        assertTrue(real.getMessage().startsWith("cannot write " + file), real.getMessage());
        assertTrue(Files.isDirectory(file));
    }
}
