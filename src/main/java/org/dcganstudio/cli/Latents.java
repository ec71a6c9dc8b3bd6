package org.dcganstudio.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.core.interop.NpyFiles;

/**
 * Checks of user-supplied image arrays, with messages that name the file and the shapes (latent
 * files go through {@link org.dcganstudio.core.interop.LatentFiles}).
 */
final class Latents {

    private Latents() {}

    /** Reads images shaped (N, C, S, S) with the given channel count. */
    static NDArray readImages(Path file, int channels, NDManager manager) throws IOException {
        NDArray x = NpyFiles.read(file, manager);
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels || s.get(2) != s.get(3) || s.get(0) < 1) {
            throw new IOException(file + ": images have shape " + s + ", expected (N, " + channels
                    + ", S, S) float32 in [-1, 1]");
        }
        requireFinite(x, file);
        return x;
    }

    private static void requireFinite(NDArray a, Path file) throws IOException {
        if (a.isNaN().logicalOr(a.isInfinite()).any().getBoolean()) {
            throw new IOException(file + ": holds NaN or infinite values");
        }
    }
}
