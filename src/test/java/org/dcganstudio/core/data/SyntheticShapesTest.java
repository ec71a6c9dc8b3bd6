package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticShapesTest {

    private static float[] image(ImageDataset data, int index) {
        float[] out = new float[data.channels() * data.imageSize() * data.imageSize()];
        data.copyImage(index, out, 0);
        return out;
    }

    @Test
    void sameSeedAndIndexGiveIdenticalPixels() {
        SyntheticShapes a = new SyntheticShapes(64, 3, 100, 7);
        SyntheticShapes b = new SyntheticShapes(64, 3, 100, 7);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(image(a, i), image(b, i), "image " + i);
        }
    }

    @Test
    void differentIndicesAndSeedsGiveDifferentImages() {
        SyntheticShapes a = new SyntheticShapes(32, 3, 50, 7);
        for (int i = 1; i < 50; i++) {
            assertFalse(Arrays.equals(image(a, 0), image(a, i)), "image " + i + " equals image 0");
        }
        SyntheticShapes b = new SyntheticShapes(32, 3, 50, 8);
        assertFalse(Arrays.equals(image(a, 3), image(b, 3)));
    }

    @Test
    void valuesStayInRangeAndShowAShape() {
        for (int channels : new int[] {1, 3}) {
            SyntheticShapes data = new SyntheticShapes(64, channels, 300, 3);
            for (int i = 0; i < data.size(); i++) {
                float[] px = image(data, i);
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : px) {
                    assertTrue(v >= -1f && v <= 1f, "value " + v + " in image " + i);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                // Shape and background differ by at least 0.3 in luminance or 0.5 in RGB distance,
                // so some channel spans a clearly visible range.
                assertTrue(max - min > 0.2f, "image " + i + " looks flat: " + min + ".." + max);
            }
        }
    }

    @Test
    void writesOnlyItsSliceAtTheOffset() {
        SyntheticShapes data = new SyntheticShapes(16, 3, 4, 1);
        int len = 3 * 16 * 16;
        float[] dst = new float[len + 10];
        Arrays.fill(dst, 42f);
        data.copyImage(2, dst, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(42f, dst[i]);
            assertEquals(42f, dst[len + 5 + i]);
        }
        assertArrayEquals(image(data, 2), Arrays.copyOfRange(dst, 5, len + 5));
    }

    @Test
    void rejectsBadArgumentsNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticShapes(64, 2, 10, 1))
                .getMessage().contains("2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticShapes(0, 3, 10, 1))
                .getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticShapes(64, 3, -5, 1))
                .getMessage().contains("-5"));
        SyntheticShapes data = new SyntheticShapes(8, 1, 10, 1);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> data.copyImage(10, new float[64], 0))
                .getMessage().contains("10"));
        assertThrows(IndexOutOfBoundsException.class, () -> data.copyImage(0, new float[64], 1));
    }
}
