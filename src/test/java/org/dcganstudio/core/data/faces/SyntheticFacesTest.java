package org.dcganstudio.core.data.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Test;

class SyntheticFacesTest {

    @Test
    void sameSeedAndIndexGiveIdenticalBytesAndOtherSeedsOtherFaces() {
        SyntheticFaces a = new SyntheticFaces(100, 7);
        SyntheticFaces b = new SyntheticFaces(100, 7);
        SyntheticFaces c = new SyntheticFaces(100, 8);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(a.read(i).pixels(), b.read(i).pixels(), "face " + i);
            assertFalse(Arrays.equals(a.read(i).pixels(), c.read(i).pixels()), "face " + i);
        }
    }

    @Test
    void facesAre64By64RgbAndNamed() {
        SyntheticFaces faces = new SyntheticFaces(3, 1);
        Raster face = faces.read(2);
        assertEquals(64, face.width());
        assertEquals(64, face.height());
        assertEquals(3, face.channels());
        assertEquals("synthetic-faces", faces.name());
        assertEquals(3, faces.size());
        assertFalse(faces.inMemory());
    }

    @Test
    void twoThreadsReadTheSameBytesAsOne() throws Exception {
        SyntheticFaces faces = new SyntheticFaces(300, 11);
        byte[][] expected = new byte[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            expected[i] = faces.read(i).pixels();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<byte[][]>> results = List.of(pool.submit(() -> readAll(faces)),
                    pool.submit(() -> readAll(faces)));
            for (Future<byte[][]> result : results) {
                byte[][] got = result.get();
                for (int i = 0; i < faces.size(); i++) {
                    assertArrayEquals(expected[i], got[i], "face " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[][] readAll(SyntheticFaces faces) {
        byte[][] out = new byte[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            out[i] = faces.read(i).pixels();
        }
        return out;
    }

    @Test
    void annotationsAreTheTraitsTheFacesAreDrawnWith() {
        SyntheticFaces faces = new SyntheticFaces(500, 4);
        ImageAnnotations annotations = faces.annotations();
        assertEquals(SyntheticFaces.ATTRIBUTES, annotations.attributes());
        assertEquals(List.of("smiling", "long_hair", "glasses", "hair_colour", "skin_tone", "background"),
                annotations.attributes().stream().map(a -> a.name()).toList());
        assertEquals(List.of("black", "brown", "blond", "red", "grey"), SyntheticFaces.HAIR_COLOUR.levels());
        for (int i = 0; i < faces.size(); i++) {
            FaceTraits traits = faces.traits(i);
            for (int a = 0; a < SyntheticFaces.ATTRIBUTES.size(); a++) {
                assertEquals(traits.level(a), annotations.value(i, a), "face " + i + " attribute " + a);
            }
            if (i < 20) {
                assertArrayEquals(FacePainter.paint(traits, faces.jitter(i)).pixels(), faces.read(i).pixels());
            }
        }
    }

    @Test
    void attributesAreBalancedAndIndependent() {
        int n = 4000;
        ImageAnnotations annotations = new SyntheticFaces(n, 2024).annotations();
        for (int a = 0; a < SyntheticFaces.ATTRIBUTES.size(); a++) {
            int levels = SyntheticFaces.ATTRIBUTES.get(a).levels().size();
            int[] counts = new int[levels];
            for (int i = 0; i < n; i++) {
                counts[annotations.value(i, a)]++;
            }
            double tolerance = levels == 2 ? 0.04 : 0.03;
            for (int level = 0; level < levels; level++) {
                double share = counts[level] / (double) n;
                assertEquals(1.0 / levels, share, tolerance,
                        SyntheticFaces.ATTRIBUTES.get(a).name() + " level " + level + " share " + share);
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                int[] cells = new int[4];
                for (int i = 0; i < n; i++) {
                    cells[2 * annotations.value(i, a) + annotations.value(i, b)]++;
                }
                for (int cell : cells) {
                    assertEquals(0.25, cell / (double) n, 0.03, "attributes " + a + " × " + b);
                }
            }
        }
    }

    @Test
    void tenThousandFacesAreAllDistinct() throws NoSuchAlgorithmException {
        SyntheticFaces faces = new SyntheticFaces(10_000, 5);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < faces.size(); i++) {
            assertTrue(seen.add(HexFormat.of().formatHex(sha.digest(faces.read(i).pixels()))),
                    "face " + i + " repeats an earlier face");
        }
    }

    @Test
    void rejectsBadCountsAndIndicesNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticFaces(0, 1)).getMessage()
                .contains("got 0"));
        SyntheticFaces faces = new SyntheticFaces(5, 1);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> faces.read(5)).getMessage().contains("5"));
        assertThrows(IndexOutOfBoundsException.class, () -> faces.read(-1));
    }
}
