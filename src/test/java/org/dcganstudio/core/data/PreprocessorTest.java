package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    @Test
    void matchesPilResizeAndCenterCropWithinOneLevel() throws IOException {
        JsonObject root;
        try (Reader r = new InputStreamReader(getClass().getResourceAsStream("/fixtures/preprocess.json"),
                StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        for (JsonElement element : root.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            int w = c.get("width").getAsInt();
            int h = c.get("height").getAsInt();
            int channels = c.get("channels").getAsInt();
            int size = c.get("size").getAsInt();
            int target = c.get("target_channels").getAsInt();
            Raster raster = new Raster(w, h, channels, bytes(c.getAsJsonArray("pixels")));
            byte[] expected = bytes(c.getAsJsonArray("expected"));
            byte[] actual = new byte[target * size * size];
            new Preprocessor(size, target).apply(raster, actual, 0);
            String label = w + "x" + h + "x" + channels + " -> " + size + "x" + size + "x" + target;
            int worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF)));
            }
            // PIL rounds to 8 bits between its horizontal and vertical passes; we round once.
            assertTrue(worst <= 1, label + ": differs from PIL by " + worst + " levels");
        }
    }

    @Test
    void downscalingAveragesWithTheWidenedTriangleFilter() {
        // 4×4 → 2×2 grey: output 0 spans input 0..2 with weights .75, .75, .25 (centre 1.0,
        // support 2), the same vertically; a horizontal ramp keeps rows equal.
        byte[] px = new byte[16];
        int[] row = {0, 40, 80, 120};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                px[y * 4 + x] = (byte) row[x];
            }
        }
        byte[] out = new byte[4];
        new Preprocessor(2, 1).apply(new Raster(4, 4, 1, px), out, 0);
        int left = (int) Math.round((0.75 * 0 + 0.75 * 40 + 0.25 * 80) / 1.75);
        int right = (int) Math.round((0.25 * 40 + 0.75 * 80 + 0.75 * 120) / 1.75);
        assertArrayEquals(new byte[] {(byte) left, (byte) right, (byte) left, (byte) right}, out);
    }

    @Test
    void centreCropKeepsTheMiddleOfTheLongerSide() {
        // 6×2 → 2×2: no resampling needed, columns 2..3 kept.
        byte[] px = new byte[12];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 6; x++) {
                px[y * 6 + x] = (byte) (10 * x + y);
            }
        }
        byte[] out = new byte[4];
        new Preprocessor(2, 1).apply(new Raster(6, 2, 1, px), out, 0);
        assertArrayEquals(new byte[] {20, 30, 21, 31}, out);
    }

    @Test
    void greyBecomesThreeEqualPlanesAndRgbBecomesLuma() {
        Raster grey = new Raster(1, 1, 1, new byte[] {(byte) 200});
        byte[] rgb = new byte[3];
        new Preprocessor(1, 3).apply(grey, rgb, 0);
        assertArrayEquals(new byte[] {(byte) 200, (byte) 200, (byte) 200}, rgb);

        Raster colour = new Raster(1, 1, 3, new byte[] {(byte) 255, 0, 0});
        byte[] luma = new byte[1];
        new Preprocessor(1, 1).apply(colour, luma, 0);
        assertEquals(76, luma[0] & 0xFF); // round(0.299 · 255)
    }

    @Test
    void outputIsPlanar() {
        // 2×2 RGB at its own size: no resampling, only interleaved → planar.
        byte[] px = new byte[12];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                int at = (y * 2 + x) * 3;
                px[at] = (byte) (10 * x + y);
                px[at + 1] = (byte) (100 + 10 * x + y);
                px[at + 2] = (byte) (200 + 10 * x + y);
            }
        }
        byte[] out = new byte[12];
        new Preprocessor(2, 3).apply(new Raster(2, 2, 3, px), out, 0);
        assertArrayEquals(new byte[] {0, 10, 1, 11, 100, 110, 101, 111, (byte) 200, (byte) 210, (byte) 201,
                (byte) 211}, out);
    }

    @Test
    void normalisesLikeToTensorThenNormaliseHalfHalf() {
        float[] f = new float[3];
        Preprocessor.toFloats(new byte[] {9, 0, 127, (byte) 255}, 1, f, 0, 3);
        assertEquals(-1f, f[0]);
        assertEquals((127 / 255f - 0.5f) / 0.5f, f[1], 1e-6);
        assertEquals(1f, f[2]);
    }

    private static byte[] bytes(JsonArray values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) values.get(i).getAsInt();
        }
        return out;
    }
}
