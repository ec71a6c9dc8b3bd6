package org.dcganstudio.core.export;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dcganstudio.core.io.AtomicFiles;

/**
 * Every PNG the studio writes goes through here: atomically, naming the file when it fails, and
 * without ImageIO's disk cache.
 */
public final class PngFiles {

    static {
        // ImageIO's default disk cache puts imageio*.tmp files in the system temp folder; a process
        // killed mid-write leaves them there for good. The images here are small enough for memory.
        ImageIO.setUseCache(false);
    }

    private PngFiles() {}

    /** Writes {@code image} to {@code file} atomically: a failed write leaves the old file, or none. */
    public static void write(Path file, RenderedImage image) throws IOException {
        NamedWrites.to(file, () -> AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }));
    }
}
