package org.dcganstudio.core.export;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.dcganstudio.core.io.AtomicFiles;

/**
 * Animated GIFs of RGB frames through the JDK's ImageIO GIF writer. GIF holds at most 256 colours,
 * so all frames share ONE palette cut from all their pixels: a palette per frame would make the
 * same colour jump from frame to frame, which shows as flicker in a latent walk. Floyd–Steinberg
 * dithering (optional) trades the banding of smooth gradients for fine noise. With differencing
 * (on by default) a frame after the first stores only the rectangle that changed, its unchanged
 * pixels transparent over the frame before: exactly the same animation, in a file that shrinks as
 * much as the frames stand still.
 */
public final class AnimatedGif {

    /** The most colours a GIF palette holds. */
    public static final int MAX_COLOURS = 256;

    /** GIF delays count hundredths of a second in an unsigned 16-bit field. */
    public static final int MAX_DELAY_MS = 655_350;

    /** Told after each frame; returning false cancels the write and leaves no file. */
    @FunctionalInterface
    public interface Progress {
        /** Never cancels. */
        Progress NONE = (done, total) -> true;

        /**
         * @param done frames written so far
         * @param total frames in the GIF
         * @return true to go on, false to cancel
         */
        boolean frameDone(int done, int total);
    }

    /**
     * How the GIF plays and how its colours are reduced.
     *
     * @param delayMs time each frame shows, rounded to GIF's 10 ms steps
     * @param loops times to play, 0 for forever
     * @param dither Floyd–Steinberg error diffusion instead of nearest-colour mapping
     * @param lastDelayMs time the last frame shows: a longer hold lets the eye rest on where an
     *     animation ends before it loops
     * @param differencing store each frame after the first as only the pixels that change, cropped
     *     to their bounding box, the rest transparent over the frame before: the same animation in
     *     a smaller file
     */
    public record Settings(int delayMs, int loops, boolean dither, int lastDelayMs, boolean differencing) {
        public Settings {
            if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
                throw new IllegalArgumentException("GIF frame delay must be in [0, " + MAX_DELAY_MS + "] ms, got "
                        + delayMs);
            }
            if (lastDelayMs < 0 || lastDelayMs > MAX_DELAY_MS) {
                throw new IllegalArgumentException("GIF last-frame delay must be in [0, " + MAX_DELAY_MS
                        + "] ms, got " + lastDelayMs);
            }
            if (loops < 0 || loops > 0xFFFF) {
                throw new IllegalArgumentException("GIF loop count must be in [0, 65535] (0 = forever), got " + loops);
            }
        }

        /** Frame differencing on. */
        public Settings(int delayMs, int loops, boolean dither, int lastDelayMs) {
            this(delayMs, loops, dither, lastDelayMs, true);
        }

        /** Every frame, the last included, shows for {@code delayMs}; frame differencing on. */
        public Settings(int delayMs, int loops, boolean dither) {
            this(delayMs, loops, dither, delayMs);
        }

        /** These settings with frame differencing on or off. */
        public Settings withDifferencing(boolean on) {
            return new Settings(delayMs, loops, dither, lastDelayMs, on);
        }
    }

    private AnimatedGif() {}

    /** Writes frames of one size (their alpha is ignored). */
    public static void write(Path file, List<BufferedImage> frames, Settings settings, Progress progress)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animated GIF needs at least one frame: " + file);
        }
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        List<int[]> pixels = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage f = frames.get(i);
            if (f.getWidth() != w || f.getHeight() != h) {
                throw new IllegalArgumentException("GIF frame " + i + " is " + f.getWidth() + "×" + f.getHeight()
                        + ", frame 0 is " + w + "×" + h);
            }
            pixels.add(f.getRGB(0, 0, w, h, null, 0, w));
        }
        writePixels(file, pixels, w, h, settings, progress);
    }

    /**
     * Writes frames given as packed (A)RGB ints, row-major, {@code width·height} each, atomically.
     *
     * @throws CancellationException when {@code progress} returns false; no file is left then
     */
    public static void writePixels(Path file, List<int[]> frames, int width, int height, Settings settings,
            Progress progress) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animated GIF needs at least one frame: " + file);
        }
        if (width < 1 || height < 1 || width > 0xFFFF || height > 0xFFFF) {
            throw new IllegalArgumentException("GIF frames must be 1 to 65535 pixels a side, got " + width + "×"
                    + height);
        }
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).length != width * height) {
                throw new IllegalArgumentException("GIF frame " + i + " has " + frames.get(i).length + " pixels, "
                        + width + "×" + height + " needs " + width * height);
            }
        }
        int[] palette = palette(frames);
        // One slot past the colours is the transparent index of differenced frames. It is reserved
        // whether or not differencing is on, so turning it off changes the file, never a pixel.
        int transparent = palette.length;
        IndexColorModel colours = colourModel(palette, transparent);
        Mapper mapper = new Mapper(palette);
        ImageWriter writer = gifWriter();
        try {
            NamedWrites.to(file, () -> AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    byte[] previous = null;
                    for (int i = 0; i < frames.size(); i++) {
                        byte[] indices = mapper.map(frames.get(i), width, height, settings.dither());
                        Patch patch = settings.differencing() && previous != null
                                ? Patch.difference(previous, indices, width, height, (byte) transparent)
                                : new Patch(0, 0, width, height, indices, false);
                        BufferedImage indexed = new BufferedImage(patch.width(), patch.height(),
                                BufferedImage.TYPE_BYTE_INDEXED, colours);
                        indexed.getRaster().setDataElements(0, 0, patch.width(), patch.height(), patch.indices());
                        int delay = i == frames.size() - 1 ? settings.lastDelayMs() : settings.delayMs();
                        IIOMetadata meta = frameMetadata(writer, indexed, patch, transparent,
                                settings.differencing(), delay, settings.loops(), i == 0);
                        writer.writeToSequence(new IIOImage(indexed, null, meta), null);
                        previous = indices;
                        if (!progress.frameDone(i + 1, frames.size())) {
                            throw new CancellationException("writing " + file + " cancelled after " + (i + 1)
                                    + " of " + frames.size() + " frames");
                        }
                    }
                    writer.endWriteSequence();
                }
            }));
        } finally {
            writer.dispose();
        }
    }

    /**
     * Unchanged pixels become transparent only in runs at least this long along a row. A lone
     * unchanged pixel among changed ones breaks the LZW strings around it whichever index it gets,
     * and keeping its own index does no harm (it shows the colour already there); on 82 dithered
     * 8×8 face grids, runs of 4 made the file 0.6% smaller than clearing every unchanged pixel.
     */
    private static final int MIN_CLEAR_RUN = 4;

    /**
     * What one frame stores: a rectangle of palette indices at an offset on the canvas.
     *
     * @param transparent whether {@code indices} holds the transparent index (pixels that keep the
     *     previous frame's colour)
     */
    private record Patch(int left, int top, int width, int height, byte[] indices, boolean transparent) {

        /**
         * The pixels of {@code next} that differ from {@code previous}, cropped to their bounding
         * box, with runs of unchanged ones inside it set to {@code clear}. Drawn over
         * {@code previous} without disposal it gives exactly {@code next}. Identical frames still
         * need a pixel: GIF has no empty image.
         */
        static Patch difference(byte[] previous, byte[] next, int width, int height, byte clear) {
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            for (int y = 0, p = 0; y < height; y++) {
                for (int x = 0; x < width; x++, p++) {
                    if (previous[p] != next[p]) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = y;
                    }
                }
            }
            if (maxX < 0) {
                return new Patch(0, 0, 1, 1, new byte[] {clear}, true);
            }
            int w = maxX - minX + 1;
            int h = maxY - minY + 1;
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                int row = (minY + y) * width + minX;
                for (int x = 0; x < w; ) {
                    int p = row + x;
                    if (previous[p] != next[p]) {
                        out[y * w + x] = next[p];
                        x++;
                        continue;
                    }
                    int run = 1;
                    while (x + run < w && previous[p + run] == next[p + run]) {
                        run++;
                    }
                    for (int k = 0; k < run; k++) {
                        out[y * w + x + k] = run >= MIN_CLEAR_RUN ? clear : next[p + k];
                    }
                    x += run;
                }
            }
            return new Patch(minX, minY, w, h, out, true);
        }
    }

    /**
     * The shared palette as 0xRRGGBB values, at most {@value #MAX_COLOURS} − 1 (the last slot of a
     * GIF's table is its transparent index): the frames' own colours when they have that few
     * (lossless), else a median cut of all their pixels.
     */
    public static int[] palette(List<int[]> frames) {
        int[] exact = distinctColours(frames, MAX_COLOURS - 1);
        return exact != null ? exact : medianCut(frames, MAX_COLOURS - 1);
    }

    private static ImageWriter gifWriter() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        return writers.next();
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage frame, Patch patch, int transparent,
            boolean keep, int delayMs, int loops, boolean first) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        // Interlacing only helps a still image show early over a slow link; the JDK writer turns it
        // on by default, and frames a few rows high then lose rows on the way through its reader.
        param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        // Not createFromRenderedImage: for TYPE_BYTE_INDEXED that returns a shared specifier with
        // the default colour cube, which the writer would then store as the frame's palette.
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        // Disposal says what happens to this frame before the next is drawn: a differenced next
        // frame is drawn over it, so it must stay; "none" leaves the choice to the player.
        control.setAttribute("disposalMethod", keep ? "doNotDispose" : "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", patch.transparent() ? "TRUE" : "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.round(delayMs / 10f)));
        control.setAttribute("transparentColorIndex", Integer.toString(patch.transparent() ? transparent : 0));
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("interlaceFlag", "FALSE");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(patch.left()));
        descriptor.setAttribute("imageTopPosition", Integer.toString(patch.top()));
        if (first) {
            // Browsers only repeat a GIF that carries Netscape's loop extension.
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) (loops >> 8 & 0xFF)});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        try {
            meta.setFromTree(format, root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("the GIF writer rejected its frame metadata: " + e.getMessage(), e);
        }
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    /**
     * The palette, then the transparent slot, in a power-of-two table as GIF needs; the unused tail
     * is black and never referenced.
     */
    private static IndexColorModel colourModel(int[] palette, int transparent) {
        int size = Math.max(2, Integer.highestOneBit(transparent) << 1);
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        return new IndexColorModel(8, size, r, g, b);
    }

    /** The distinct colours of all frames, or null as soon as there are more than {@code limit}. */
    private static int[] distinctColours(List<int[]> frames, int limit) {
        int capacity = Integer.highestOneBit(limit) * 4;
        int[] table = new int[capacity];
        boolean[] used = new boolean[capacity];
        int count = 0;
        for (int[] frame : frames) {
            for (int argb : frame) {
                int rgb = argb & 0xFFFFFF;
                int slot = hash(rgb) & (capacity - 1);
                while (used[slot] && table[slot] != rgb) {
                    slot = (slot + 1) & (capacity - 1);
                }
                if (!used[slot]) {
                    if (++count > limit) {
                        return null;
                    }
                    used[slot] = true;
                    table[slot] = rgb;
                }
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < capacity; i++) {
            if (used[i]) {
                out[n++] = table[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static int hash(int rgb) {
        int h = rgb * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private static final int BITS = 5;
    private static final int LEVELS = 1 << BITS;

    /**
     * Heckbert's median cut on a 5-bit-per-channel histogram of every pixel: repeatedly split the
     * box with the most pixels times the longest side, at the pixel median of that side. Each box's
     * colour is the exact mean of its pixels, so the 5-bit binning costs no precision in the
     * palette itself.
     */
    private static int[] medianCut(List<int[]> frames, int colours) {
        int bins = LEVELS * LEVELS * LEVELS;
        int[] count = new int[bins];
        long[] sumR = new long[bins];
        long[] sumG = new long[bins];
        long[] sumB = new long[bins];
        for (int[] frame : frames) {
            for (int argb : frame) {
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                int b = argb & 0xFF;
                int bin = (r >> (8 - BITS)) << (2 * BITS) | (g >> (8 - BITS)) << BITS | b >> (8 - BITS);
                count[bin]++;
                sumR[bin] += r;
                sumG[bin] += g;
                sumB[bin] += b;
            }
        }
        int occupied = 0;
        for (int c : count) {
            occupied += c > 0 ? 1 : 0;
        }
        int[] order = new int[occupied];
        int k = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (count[bin] > 0) {
                order[k++] = bin;
            }
        }
        List<int[]> boxes = new ArrayList<>(); // {from, to} into order
        boxes.add(new int[] {0, occupied});
        while (boxes.size() < colours) {
            int best = -1;
            long bestScore = 0;
            int bestAxis = 0;
            for (int i = 0; i < boxes.size(); i++) {
                int[] box = boxes.get(i);
                if (box[1] - box[0] < 2) {
                    continue;
                }
                int[] extent = extent(order, box[0], box[1]);
                int axis = extent[0] >= extent[1] && extent[0] >= extent[2] ? 0 : extent[1] >= extent[2] ? 1 : 2;
                long pixels = 0;
                for (int j = box[0]; j < box[1]; j++) {
                    pixels += count[order[j]];
                }
                long score = pixels * extent[axis];
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                    bestAxis = axis;
                }
            }
            if (best < 0) {
                break;
            }
            int[] box = boxes.get(best);
            int split = splitAtMedian(order, box[0], box[1], bestAxis, count);
            boxes.set(best, new int[] {box[0], split});
            boxes.add(new int[] {split, box[1]});
        }
        int[] palette = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            long n = 0;
            long r = 0;
            long g = 0;
            long b = 0;
            for (int j = boxes.get(i)[0]; j < boxes.get(i)[1]; j++) {
                int bin = order[j];
                n += count[bin];
                r += sumR[bin];
                g += sumG[bin];
                b += sumB[bin];
            }
            palette[i] = (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
        }
        return palette;
    }

    private static int channel(int bin, int axis) {
        return bin >> (BITS * (2 - axis)) & (LEVELS - 1);
    }

    /** Side lengths (max − min of the 5-bit values) of a box along r, g and b. */
    private static int[] extent(int[] order, int from, int to) {
        int[] min = {LEVELS, LEVELS, LEVELS};
        int[] max = {-1, -1, -1};
        for (int j = from; j < to; j++) {
            for (int axis = 0; axis < 3; axis++) {
                int v = channel(order[j], axis);
                min[axis] = Math.min(min[axis], v);
                max[axis] = Math.max(max[axis], v);
            }
        }
        return new int[] {max[0] - min[0], max[1] - min[1], max[2] - min[2]};
    }

    /** Sorts a box's bins along an axis and returns where half its pixels lie on each side. */
    private static int splitAtMedian(int[] order, int from, int to, int axis, int[] count) {
        // Counting sort by the axis value keeps the split O(bins) with no boxing.
        int[] buckets = new int[LEVELS + 1];
        for (int j = from; j < to; j++) {
            buckets[channel(order[j], axis) + 1]++;
        }
        for (int v = 0; v < LEVELS; v++) {
            buckets[v + 1] += buckets[v];
        }
        int[] sorted = new int[to - from];
        for (int j = from; j < to; j++) {
            sorted[buckets[channel(order[j], axis)]++] = order[j];
        }
        System.arraycopy(sorted, 0, order, from, sorted.length);
        long total = 0;
        for (int j = from; j < to; j++) {
            total += count[order[j]];
        }
        long seen = 0;
        for (int j = from; j < to - 1; j++) {
            seen += count[order[j]];
            if (2 * seen >= total) {
                return j + 1;
            }
        }
        return to - 1;
    }

    /** Maps pixels to palette indices, nearest colour in RGB, with or without error diffusion. */

    private static final class Mapper {
        private static final int CACHE = 1 << 12;

        private final int[] palette;
        private final int[] byGreen;
        private final int[] greens;
        private final int[] cacheKey = new int[CACHE];
        private final byte[] cacheIndex = new byte[CACHE];

        Mapper(int[] palette) {
            this.palette = palette;
            // Sorted by green, the nearest colour is found by walking outwards from the query's
            // green and stopping once green alone is farther than the best match.
            Integer[] idx = new Integer[palette.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Integer.compare(palette[a] >> 8 & 0xFF, palette[b] >> 8 & 0xFF));
            byGreen = new int[idx.length];
            greens = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                byGreen[i] = idx[i];
                greens[i] = palette[idx[i]] >> 8 & 0xFF;
            }
            Arrays.fill(cacheKey, -1);
        }

        byte[] map(int[] argb, int width, int height, boolean dither) {
            byte[] out = new byte[width * height];
            if (!dither) {
                for (int p = 0; p < out.length; p++) {
                    out[p] = nearest(argb[p] & 0xFFFFFF);
                }
                return out;
            }
            // Error rows carry one pixel of margin on each side so the kernel needs no bounds checks.
            float[] current = new float[(width + 2) * 3];
            float[] next = new float[(width + 2) * 3];
            for (int y = 0; y < height; y++) {
                // Serpentine order keeps the error from streaking in one direction.
                boolean rightward = (y & 1) == 0;
                int dir = rightward ? 1 : -1;
                for (int i = 0; i < width; i++) {
                    int x = rightward ? i : width - 1 - i;
                    int p = y * width + x;
                    int e = (x + 1) * 3;
                    int r = clamp((argb[p] >> 16 & 0xFF) + current[e]);
                    int g = clamp((argb[p] >> 8 & 0xFF) + current[e + 1]);
                    int b = clamp((argb[p] & 0xFF) + current[e + 2]);
                    byte index = nearest(r << 16 | g << 8 | b);
                    out[p] = index;
                    int chosen = palette[index & 0xFF];
                    float[] err = {r - (chosen >> 16 & 0xFF), g - (chosen >> 8 & 0xFF), b - (chosen & 0xFF)};
                    int ahead = e + 3 * dir;
                    int behind = e - 3 * dir;
                    for (int c = 0; c < 3; c++) {
                        current[ahead + c] += err[c] * 7 / 16f;
                        next[behind + c] += err[c] * 3 / 16f;
                        next[e + c] += err[c] * 5 / 16f;
                        next[ahead + c] += err[c] * 1 / 16f;
                    }
                }
                float[] t = current;
                current = next;
                next = t;
                Arrays.fill(next, 0f);
            }
            return out;
        }

        private static int clamp(float v) {
            return Math.max(0, Math.min(255, Math.round(v)));
        }

        private byte nearest(int rgb) {
            int slot = hash(rgb) & (CACHE - 1);
            if (cacheKey[slot] == rgb) {
                return cacheIndex[slot];
            }
            int r = rgb >> 16 & 0xFF;
            int g = rgb >> 8 & 0xFF;
            int b = rgb & 0xFF;
            int start = Arrays.binarySearch(greens, g);
            if (start < 0) {
                start = Math.min(-start - 1, greens.length - 1);
            }
            int best = byGreen[start];
            int bestDistance = distance(palette[best], r, g, b);
            for (int lo = start - 1, hi = start + 1; lo >= 0 || hi < greens.length; lo--, hi++) {
                boolean any = false;
                if (lo >= 0 && sq(g - greens[lo]) < bestDistance) {
                    any = true;
                    int d = distance(palette[byGreen[lo]], r, g, b);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = byGreen[lo];
                    }
                }
                if (hi < greens.length && sq(greens[hi] - g) < bestDistance) {
                    any = true;
                    int d = distance(palette[byGreen[hi]], r, g, b);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = byGreen[hi];
                    }
                }
                if (!any) {
                    break;
                }
            }
            cacheKey[slot] = rgb;
            cacheIndex[slot] = (byte) best;
            return (byte) best;
        }

        private static int distance(int colour, int r, int g, int b) {
            return sq((colour >> 16 & 0xFF) - r) + sq((colour >> 8 & 0xFF) - g) + sq((colour & 0xFF) - b);
        }

        private static int sq(int v) {
            return v * v;
        }
    }
}
