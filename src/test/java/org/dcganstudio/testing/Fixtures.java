package org.dcganstudio.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the committed PyTorch fixtures (made by {@code scripts/make_torch_fixtures.py}). */
public final class Fixtures {

    private Fixtures() {}

    /** A path under {@code src/test/resources/fixtures}. */
    public static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI()).resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts closeness both absolutely and relative to the expected values' scale, because some
     * reference outputs (eval-mode G right after init) are tiny and any absolute bound is loose there.
     */
    public static void assertClose(NDArray expected, NDArray actual, double atol, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertArrayEquals(e, a, (float) atol, what);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= 1e-3 * scale + 1e-7, what + ": max error " + worst + " against scale " + scale);
    }
}
