package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.rgb;
import static org.dcganstudio.core.data.folder.TestImages.rgbAt;
import static org.dcganstudio.core.data.folder.TestImages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding: channels and exact samples for lossless formats. */
class ImageFolderPixelsTest {

    @TempDir
    Path dir;

    @Test
    void rgbPngAndBmpDecodeToExactRgbSamples() {
        for (String format : new String[] {"png", "bmp"}) {
            Raster raster = readOnly(write(rgb(9, 7, 3), format, dir.resolve(format + "/img." + format)));
            assertEquals(3, raster.channels(), format);
            assertEquals(9, raster.width());
            assertEquals(7, raster.height());
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 9; x++) {
                    int rgb = rgbAt(x, y, 3);
                    assertEquals(rgb >> 16 & 0xFF, raster.sample(x, y, 0), format);
                    assertEquals(rgb >> 8 & 0xFF, raster.sample(x, y, 1), format);
                    assertEquals(rgb & 0xFF, raster.sample(x, y, 2), format);
                }
            }
        }
    }

    @Test
    void greyPngDecodesToOneChannelWithTheFileSamples() {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, y * 16 + x);
            }
        }
        Raster raster = readOnly(write(grey, "png", dir.resolve("grey.png")));
        assertEquals(1, raster.channels());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                // Exact: not brightened by Java's linear-grey to sRGB conversion.
                assertEquals(y * 16 + x, raster.sample(x, y, 0));
            }
        }
    }

    @Test
    void sixteenBitSamplesAreRoundedToEightBits() {
        int[] values = {0, 100, 129, 257 * 128, 257 * 128 + 128, 257 * 128 + 129, 65535};
        int[] expected = {0, 0, 1, 128, 128, 129, 255};
        BufferedImage grey = new BufferedImage(values.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster rgbRaster = WritableRaster.createInterleavedRaster(DataBuffer.TYPE_USHORT, values.length, 1, 3,
                null);
        BufferedImage rgb = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT), rgbRaster, false, null);
        for (int x = 0; x < values.length; x++) {
            grey.getRaster().setSample(x, 0, 0, values[x]);
            rgbRaster.setPixel(x, 0, new int[] {values[x], 65535 - values[x], 257 * 7});
        }
        Raster greyRead = readOnly(write(grey, "png", dir.resolve("grey16/a.png")));
        Raster rgbRead = readOnly(write(rgb, "png", dir.resolve("rgb16/a.png")));
        assertEquals(1, greyRead.channels());
        assertEquals(3, rgbRead.channels());
        for (int x = 0; x < values.length; x++) {
            assertEquals(expected[x], greyRead.sample(x, 0, 0), "grey " + values[x]);
            assertEquals(expected[x], rgbRead.sample(x, 0, 0), "red " + values[x]);
            assertEquals(255 - expected[x], rgbRead.sample(x, 0, 1), "green " + (65535 - values[x]));
            assertEquals(7, rgbRead.sample(x, 0, 2));
        }
    }

    @Test
    void alphaIsCompositedOverWhite() {
        int[] alphas = {0, 1, 128, 254, 255};
        BufferedImage argb = new BufferedImage(alphas.length, 1, BufferedImage.TYPE_INT_ARGB);
        WritableRaster greyAlphaRaster = WritableRaster.createInterleavedRaster(DataBuffer.TYPE_BYTE, alphas.length, 1,
                2, null);
        BufferedImage greyAlpha = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE), greyAlphaRaster, false, null);
        for (int x = 0; x < alphas.length; x++) {
            argb.setRGB(x, 0, alphas[x] << 24 | 200 << 16 | 100 << 8);
            greyAlphaRaster.setPixel(x, 0, new int[] {60, alphas[x]});
        }
        Raster colour = readOnly(write(argb, "png", dir.resolve("rgba/a.png")));
        Raster grey = readOnly(write(greyAlpha, "png", dir.resolve("grey-alpha/a.png")));
        assertEquals(3, colour.channels());
        assertEquals(1, grey.channels());
        for (int x = 0; x < alphas.length; x++) {
            int a = alphas[x];
            assertEquals(overWhite(200, a), colour.sample(x, 0, 0), "alpha " + a);
            assertEquals(overWhite(100, a), colour.sample(x, 0, 1), "alpha " + a);
            assertEquals(overWhite(0, a), colour.sample(x, 0, 2), "alpha " + a);
            assertEquals(overWhite(60, a), grey.sample(x, 0, 0), "alpha " + a);
        }
        assertEquals(255, colour.sample(0, 0, 2));
        assertEquals(200, colour.sample(4, 0, 0));
    }

    @Test
    void gifFirstFrameDecodesThroughItsPaletteWithTransparencyOverWhite() {
        byte[] r = {(byte) 255, 0, 10, 0};
        byte[] g = {0, (byte) 255, 20, 0};
        byte[] b = {0, 0, 30, 0};
        IndexColorModel palette = new IndexColorModel(8, 4, r, g, b, 3);
        // Eight rows: the JDK's GIF codec garbles interlaced images under five rows high.
        BufferedImage gif = new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                gif.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        Raster raster = readOnly(write(gif, "gif", dir.resolve("a.gif")));
        assertEquals(3, raster.channels());
        int[][] expected = {{255, 0, 0}, {0, 255, 0}, {10, 20, 30}, {255, 255, 255}};
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[(x + y) % 4][c], raster.sample(x, y, c), "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    @Test
    void aPaletteOfGreysIsOneChannel() {
        BufferedImage bits = new BufferedImage(8, 1, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < 8; x++) {
            bits.getRaster().setSample(x, 0, 0, x % 2);
        }
        Raster raster = readOnly(write(bits, "png", dir.resolve("bits.png")));
        assertEquals(1, raster.channels());
        for (int x = 0; x < 8; x++) {
            assertEquals(x % 2 == 0 ? 0 : 255, raster.sample(x, 0, 0));
        }
    }

    @Test
    void jpegDecodesToCloseSamplesWithItsChannels() {
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 180 << 16 | 90 << 8 | 30);
                grey.getRaster().setSample(x, y, 0, 77);
            }
        }
        Raster colour = readOnly(write(flat, "jpg", dir.resolve("colour/a.jpg")));
        Raster mono = readOnly(write(grey, "jpg", dir.resolve("grey/a.jpg")));
        assertEquals(3, colour.channels());
        assertEquals(1, mono.channels());
        int[] want = {180, 90, 30};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(colour.sample(8, 8, c) - want[c]) <= 4, "channel " + c + ": " + colour.sample(8, 8, c));
        }
        assertTrue(Math.abs(mono.sample(8, 8, 0) - 77) <= 2, "grey: " + mono.sample(8, 8, 0));
    }

    private static Raster readOnly(Path file) {
        ImageFolder folder = ImageFolder.open(file.getParent());
        assertEquals(1, folder.size(), "images in " + file.getParent());
        return folder.read(0);
    }

    private static int overWhite(int value, int alpha) {
        return (int) Math.round(value * alpha / 255.0 + 255 * (1 - alpha / 255.0));
    }
}
