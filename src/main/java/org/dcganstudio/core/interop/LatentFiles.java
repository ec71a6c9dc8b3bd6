package org.dcganstudio.core.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.latent.Vectors;

/**
 * Latent vectors in {@code .npy}: read shaped (N, nz) or (N, nz, 1, 1), written (N, nz, 1, 1) as
 * pytorch/examples' generator takes them. Errors name the file and both shapes.
 */
public final class LatentFiles {

    private LatentFiles() {}

    /** Reads one or more latent vectors of length {@code nz}. */
    public static List<float[]> read(Path file, int nz) throws IOException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray z = NpyFiles.read(file, m);
            Shape s = z.getShape();
            boolean ok = s.dimension() == 2 && s.get(1) == nz
                    || s.dimension() == 4 && s.get(1) == nz && s.get(2) == 1 && s.get(3) == 1;
            if (!ok) {
                throw new IOException(file + ": latents have shape " + s + ", the model needs (N, " + nz + ") or (N, "
                        + nz + ", 1, 1)");
            }
            if (s.get(0) < 1) {
                throw new IOException(file + ": holds no latent vectors (shape " + s + ")");
            }
            float[] values = z.toFloatArray();
            if (!Vectors.allFinite(values)) {
                throw new IOException(file + ": holds NaN or infinite values");
            }
            List<float[]> out = new ArrayList<>((int) s.get(0));
            for (int r = 0; r < s.get(0); r++) {
                out.add(Vectors.row(values, nz, r));
            }
            return out;
        }
    }

    /** Reads a file that must hold exactly one latent vector (an anchor). */
    public static float[] readOne(Path file, int nz) throws IOException {
        List<float[]> z = read(file, nz);
        if (z.size() != 1) {
            throw new IOException(file + ": holds " + z.size() + " latent vectors, expected exactly 1 (shape (1, " + nz
                    + ") or (1, " + nz + ", 1, 1))");
        }
        return z.get(0);
    }

    /** Writes vectors of one length as (N, nz, 1, 1) float32, atomically. */
    public static void write(Path file, List<float[]> vectors) throws IOException {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("no latent vectors to write to " + file);
        }
        int nz = vectors.get(0).length;
        NpyFiles.write(file, Vectors.pack(vectors, nz), new Shape(vectors.size(), nz, 1, 1));
    }
}
