package org.dcganstudio.core.export;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dcganstudio.core.io.AtomicFiles;

/**
 * Every PNG the studio writes goes through here, so a failed write names its file: ImageIO's own
 * messages ("I/O error writing PNG file!") and the file system's ("No space left on device") do not.
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
        try {
            AtomicFiles.write(file, out -> encode(image, out));
        } catch (IOException e) {
            throw failed(file, e);
        }
    }

    private static void encode(RenderedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }

    /** {@code e} with {@code file} in its message, and the reason ImageIO hides one level down. */
    public static IOException failed(Path file, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() instanceof IOException cause && cause.getMessage() != null) {
            reason = reason + " (" + cause.getMessage() + ")";
        }
        return new IOException("cannot write " + file + ": " + reason, e);
    }
}
