package org.dcganstudio.core.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a decoded image to the model's input as the reference DCGAN does
 * ({@code Resize(size)}, {@code CenterCrop(size)}, then grey↔RGB to the model's channels): the
 * shorter side is resized to {@code size} with PIL's antialiased bilinear filter (a triangle
 * whose support widens with the shrink factor, so downscaling averages instead of aliasing), the
 * longer side keeps the aspect ratio, and the centre square is kept. Output is 8-bit, planar
 * (CHW), so caches stay compact; {@link #toFloats} gives the network's [-1, 1] values as
 * {@code Normalize(0.5, 0.5)} does. Thread-safe: filter tables are immutable and shared.
 */
public final class Preprocessor {

    private final int size;
    private final int channels;
    /** Filter tables by (input length, resized length); data sets repeat a handful of sizes. */
    private final Map<Long, Filter> filters = new ConcurrentHashMap<>();

    /**
     * @param size side of the square output in pixels
     * @param channels 1 or 3
     */
    public Preprocessor(int size, int channels) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be at least 1, got " + size);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        this.size = size;
        this.channels = channels;
    }

    /** Output side in pixels. */
    public int size() {
        return size;
    }

    /** Output channels. */
    public int channels() {
        return channels;
    }

    /** Bytes of one preprocessed image. */
    public int imageBytes() {
        return channels * size * size;
    }

    /**
     * Resizes, crops and converts one image.
     *
     * @param raster the decoded image
     * @param dst receives channels·size·size samples, planar
     * @param offset where the image starts in {@code dst}
     */
    public void apply(Raster raster, byte[] dst, int offset) {
        int w = raster.width();
        int h = raster.height();
        // torchvision: the shorter side becomes `size`, the other int(size * long / short).
        int rw;
        int rh;
        if (w <= h) {
            rw = size;
            rh = (int) ((long) size * h / w);
        } else {
            rh = size;
            rw = (int) ((long) size * w / h);
        }
        // CenterCrop: top = round((rh - size) / 2) with Python's round-half-to-even, as torchvision.
        int left = (int) Math.rint((rw - size) / 2.0);
        int top = (int) Math.rint((rh - size) / 2.0);
        int inC = raster.channels();
        float[] rgb = new float[size * size * inC];
        if (rw == w && rh == h) {
            byte[] px = raster.pixels();
            for (int y = 0; y < size; y++) {
                int src = ((y + top) * w + left) * inC;
                int out = y * size * inC;
                for (int i = 0; i < size * inC; i++) {
                    rgb[out + i] = px[src + i] & 0xFF;
                }
            }
        } else {
            resample(raster, filter(w, rw), left, filter(h, rh), top, rgb);
        }
        convert(rgb, inC, dst, offset);
    }

    /** Maps 8-bit planar samples to [-1, 1]: (v / 255 − 0.5) / 0.5. */
    public static void toFloats(byte[] src, int srcOffset, float[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) / 127.5f - 1f;
        }
    }

    private void resample(Raster raster, Filter fx, int left, Filter fy, int top, float[] out) {
        int w = raster.width();
        int c = raster.channels();
        byte[] px = raster.pixels();
        // Vertical pass first, only over the rows the crop keeps, into full-width float rows.
        float[] rows = new float[size * w * c];
        for (int y = 0; y < size; y++) {
            int first = fy.first[y + top];
            float[] weights = fy.weights[y + top];
            int dstRow = y * w * c;
            for (int k = 0; k < weights.length; k++) {
                float wk = weights[k];
                int srcRow = (first + k) * w * c;
                for (int i = 0; i < w * c; i++) {
                    rows[dstRow + i] += wk * (px[srcRow + i] & 0xFF);
                }
            }
        }
        for (int y = 0; y < size; y++) {
            int rowBase = y * w * c;
            for (int x = 0; x < size; x++) {
                int first = fx.first[x + left];
                float[] weights = fx.weights[x + left];
                for (int ch = 0; ch < c; ch++) {
                    float sum = 0;
                    for (int k = 0; k < weights.length; k++) {
                        sum += weights[k] * rows[rowBase + (first + k) * c + ch];
                    }
                    out[(y * size + x) * c + ch] = sum;
                }
            }
        }
    }

    private void convert(float[] interleaved, int inC, byte[] dst, int offset) {
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            if (inC == channels) {
                for (int ch = 0; ch < channels; ch++) {
                    dst[offset + ch * plane + p] = toByte(interleaved[p * inC + ch]);
                }
            } else if (inC == 1) {
                byte v = toByte(interleaved[p]);
                dst[offset + p] = v;
                dst[offset + plane + p] = v;
                dst[offset + 2 * plane + p] = v;
            } else {
                // Rec. 601 luma, PIL's convert("L") weights.
                float r = interleaved[p * 3];
                float g = interleaved[p * 3 + 1];
                float b = interleaved[p * 3 + 2];
                dst[offset + p] = toByte(0.299f * r + 0.587f * g + 0.114f * b);
            }
        }
    }

    private static byte toByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : i > 255 ? 255 : i);
    }

    private Filter filter(int in, int out) {
        return filters.computeIfAbsent(((long) in << 32) | out, key -> Filter.bilinear(in, out));
    }

    /** For each output coordinate: the first input coordinate and the normalised tap weights. */
    private record Filter(int[] first, float[][] weights) {

        /** PIL's ImagingResample tables for the bilinear (triangle) filter. */
        static Filter bilinear(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int min = Math.max((int) (centre - support + 0.5), 0);
                int max = Math.min((int) (centre + support + 0.5), in);
                double[] w = new double[max - min];
                double total = 0;
                for (int k = 0; k < w.length; k++) {
                    double t = Math.abs((min + k - centre + 0.5) / filterScale);
                    w[k] = t < 1 ? 1 - t : 0;
                    total += w[k];
                }
                float[] normalised = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    normalised[k] = (float) (total == 0 ? 0 : w[k] / total);
                }
                first[i] = min;
                weights[i] = normalised;
            }
            return new Filter(first, weights);
        }
    }
}
