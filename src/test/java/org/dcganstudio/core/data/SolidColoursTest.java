package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SolidColoursTest {

    @Test
    void imagesAreFlatPaletteColoursAndUseTheWholePalette() {
        int size = 8;
        SolidColours data = new SolidColours(size, 3, 200, 5, SolidColours.DEFAULT_PALETTE);
        int plane = size * size;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            float[] px = new float[3 * plane];
            data.copyImage(i, px, 0);
            float[] rgb = {px[0], px[plane], px[2 * plane]};
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    assertEquals(rgb[c], px[c * plane + p], "image " + i + " is not flat");
                }
            }
            int match = -1;
            for (int k = 0; k < SolidColours.DEFAULT_PALETTE.length; k++) {
                float[] want = SolidColours.DEFAULT_PALETTE[k];
                if (rgb[0] == 2 * want[0] - 1 && rgb[1] == 2 * want[1] - 1 && rgb[2] == 2 * want[2] - 1) {
                    match = k;
                }
            }
            assertTrue(match >= 0, "image " + i + " has a colour outside the palette");
            seen.add(match);
        }
        assertEquals(SolidColours.DEFAULT_PALETTE.length, seen.size());
    }

    @Test
    void deterministicFromSeedAndIndex() {
        SolidColours a = new SolidColours(8, 1, 50, 9, SolidColours.DEFAULT_PALETTE);
        SolidColours b = new SolidColours(8, 1, 50, 9, SolidColours.DEFAULT_PALETTE);
        for (int i = 0; i < 50; i++) {
            float[] x = new float[64];
            float[] y = new float[64];
            a.copyImage(i, x, 0);
            b.copyImage(i, y, 0);
            assertArrayEquals(x, y);
            assertTrue(x[0] >= -1f && x[0] <= 1f);
        }
    }

    @Test
    void rejectsBadPalettes() {
        assertThrows(IllegalArgumentException.class, () -> new SolidColours(8, 3, 10, 1, new float[0][]));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SolidColours(8, 3, 10, 1, new float[][] {{0.5f, 2f, 0f}})).getMessage().contains("2.0"));
        assertThrows(IllegalArgumentException.class, () -> new SolidColours(8, 3, 10, 1, new float[][] {{1f, 0f}}));
    }
}
