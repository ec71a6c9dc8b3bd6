package org.dcganstudio.core.data.folder;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.Raster;

/**
 * ImageIO behind the folder readers: header checks, guarded decoding, and conversion of any
 * decoded image to an 8-bit {@link Raster}.
 */
public final class ImageDecoding {

    /**
     * 200 MB decoded: a 50-megapixel 8-bit RGBA image, the largest the pixel limit lets through at
     * 8 bits. 16-bit samples decode to twice the bytes from a file no larger (a 394 KB 16-bit PNG
     * ended a training run at -Xmx512m), so they are bounded by what they decode to, not by
     * their pixels alone.
     */
    static final long MAX_DECODED_BYTES = 200L << 20;

    private ImageDecoding() {}

    /**
     * Reads only the header of {@code file}.
     *
     * @return why the file cannot be used, or empty when it is an image within the pixel limit
     */
    static Optional<String> check(Path file, long maxPixels) {
        // FileImageInputStream reads the file in place; ImageIO.createImageInputStream on a stream
        // would copy it into a cache file first, and on a File hides why it cannot be opened.
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(in);
            if (reader == null) {
                return Optional.of("not a readable image");
            }
            try {
                reader.setInput(in, true, true);
                return oversize(reader, maxPixels);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Plugins throw unchecked exceptions on corrupt headers as often as IOExceptions.
            return Optional.of("not a readable image: " + e.getMessage());
        }
    }

    /**
     * Decodes the first image in {@code file} (the first frame of a GIF).
     *
     * @throws DataException naming the file when it is not an image, is over the pixel limit, is
     *     cut short or fails to decode
     */
    public static BufferedImage decode(Path file, long maxPixels) {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(in);
            if (reader == null) {
                throw new DataException(file + " is not a readable image");
            }
            try {
                reader.setInput(in, true, true);
                // Checked again because the file may have been replaced since the scan.
                Optional<String> oversize = oversize(reader, maxPixels);
                if (oversize.isPresent()) {
                    throw new DataException(file + " is refused: " + oversize.get());
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, message) -> warnings.add(message));
                BufferedImage image = reader.read(0);
                // The JPEG reader fills a cut-short file with grey and only warns; a half-grey
                // training image is worse than an error the caller can act on.
                for (String warning : warnings) {
                    String lower = warning.toLowerCase(Locale.ROOT);
                    if (lower.contains("truncated") || lower.contains("premature end")) {
                        throw new DataException(file + " is cut short: " + warning);
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + " could not be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * A sample grid of a run ({@code samples/step-N.png}), its size checked from the PNG header
     * before decoding: a small file may declare dimensions that decode to gigabytes.
     *
     * @throws IOException naming the file when it is unreadable or over the limits
     */
    public static BufferedImage readGrid(Path file) throws IOException {
        try {
            return decode(file, ScanOptions.DEFAULT_MAX_PIXELS);
        } catch (DataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Converts a decoded image to 8-bit samples: grey images (a grey colour space, or a palette
     * of greys only) to 1 channel, all others to RGB. Alpha is composited over white, the
     * background most transparent artwork is drawn for; 16-bit and sub-byte samples are rescaled
     * to 0..255 with rounding.
     */
    static Raster toRaster(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (isGrey(cm)) {
            return grey(image);
        }
        if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB()
                && cm.getTransferType() == DataBuffer.TYPE_BYTE && !cm.isAlphaPremultiplied()) {
            return byteRgb(image);
        }
        return anyRgb(image);
    }

    private static ImageReader reader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        return readers.hasNext() ? readers.next() : null;
    }

    /** Decided from the header alone: dimensions and sample sizes, before a pixel is decoded. */
    private static Optional<String> oversize(ImageReader reader, long maxPixels) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            return Optional.of(width + "×" + height + " = " + pixels(pixels, false) + ", over the "
                    + pixels(maxPixels, true) + " limit");
        }
        int bits = bitsPerPixel(reader);
        long bytes = (pixels * bits + 7) / 8;
        if (bytes > MAX_DECODED_BYTES) {
            return Optional.of(width + "×" + height + " at " + bits + " bits per pixel decodes to " + bytes
                    + " bytes, over the limit of " + MAX_DECODED_BYTES);
        }
        return Optional.empty();
    }

    /** The decoded image's bits per pixel: its raw type when the plugin knows it, else its first offered type. */
    private static int bitsPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return Integer.SIZE;
        }
        int bits = 0;
        for (int size : type.getSampleModel().getSampleSize()) {
            bits += size;
        }
        return bits;
    }

    /**
     * "60 megapixels" or, as an adjective, "50-megapixel"; in pixels below 0.1 megapixels, where
     * megapixels would read as 0.
     */
    private static String pixels(long pixels, boolean adjective) {
        String number;
        String unit;
        if (pixels < 100_000) {
            number = String.format(Locale.ROOT, "%,d", pixels);
            unit = "pixel";
        } else {
            number = String.format(Locale.ROOT, "%.1f", pixels / 1e6);
            number = number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
            unit = "megapixel";
        }
        return adjective ? number + "-" + unit : number + " " + unit + "s";
    }

    private static boolean isGrey(ColorModel cm) {
        if (cm instanceof IndexColorModel palette) {
            for (int i = 0; i < palette.getMapSize(); i++) {
                int r = palette.getRed(i);
                if (palette.getGreen(i) != r || palette.getBlue(i) != r) {
                    return false;
                }
            }
            return true;
        }
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * Grey samples are taken raw from the raster: BufferedImage.getRGB would treat Java's linear
     * grey colour space as light and brighten every value on its way to sRGB.
     */
    private static Raster grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        WritableRaster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        byte[] out = new byte[w * h];
        int[] value = new int[w];
        if (cm instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, value);
                for (int x = 0; x < w; x++) {
                    int argb = palette.getRGB(value[x]);
                    out[y * w + x] = (byte) overWhite(argb & 0xFF, argb >>> 24);
                }
            }
            return new Raster(w, h, 1, out);
        }
        int valueMax = (1 << cm.getComponentSize(0)) - 1;
        int[] alpha = cm.hasAlpha() ? new int[w] : null;
        int alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(1)) - 1 : 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, value);
            if (alpha != null) {
                raster.getSamples(0, y, w, 1, 1, alpha);
            }
            for (int x = 0; x < w; x++) {
                int a = alpha == null ? 255 : to8Bit(alpha[x], alphaMax);
                out[y * w + x] = (byte) overWhite(to8Bit(value[x], valueMax), a);
            }
        }
        return new Raster(w, h, 1, out);
    }

    /**
     * 8-bit sRGB (what PNG, JPEG and BMP decode to) read straight from the raster, whose bands
     * follow the colour model's R, G, B(, A) order whatever the byte layout: getRGB converts
     * pixel by pixel through the colour model and costs as much as decoding the JPEG.
     */
    private static Raster byteRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = image.getColorModel().getNumComponents();
        boolean alpha = image.getColorModel().hasAlpha();
        WritableRaster raster = image.getRaster();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int a = alpha ? row[x * bands + 3] : 255;
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) overWhite(row[x * bands + c], a);
                }
            }
        }
        return new Raster(w, h, 3, out);
    }

    /** Palettes, 16-bit samples and other colour spaces, through the colour model to sRGB. */
    private static Raster anyRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int o = (y * w + x) * 3;
                out[o] = (byte) overWhite((argb >> 16) & 0xFF, a);
                out[o + 1] = (byte) overWhite((argb >> 8) & 0xFF, a);
                out[o + 2] = (byte) overWhite(argb & 0xFF, a);
            }
        }
        return new Raster(w, h, 3, out);
    }

    private static int to8Bit(int value, int max) {
        return max == 255 ? value : (value * 255 + max / 2) / max;
    }

    private static int overWhite(int value, int alpha) {
        return (value * alpha + 255 * (255 - alpha) + 127) / 255;
    }
}
