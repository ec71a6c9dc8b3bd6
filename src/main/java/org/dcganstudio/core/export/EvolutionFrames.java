package org.dcganstudio.core.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.dcganstudio.core.io.RunDirectory;

/**
 * The frames of a training-evolution GIF: which of a run's recorded sample grids
 * ({@code samples/step-NNNNNN.png}) to show, and each frame's picture (the grid scaled, with an
 * optional "step N · epoch E" caption strip below it).
 */
public final class EvolutionFrames {

    /** Frames a GIF gets when nothing is asked: enough to see training move, small enough to share. */
    public static final int DEFAULT_MAX_FRAMES = 100;

    /** Caption strip height at scale 1; the caption scales with the grid. */
    public static final int CAPTION_HEIGHT = 16;

    private static final int CAPTION_FONT_PX = 11;
    private static final int CAPTION_MIN_FONT_PX = 7;
    private static final int CAPTION_BACKGROUND = 0x202020;
    /** metrics.csv's first columns; only these are read, so later columns may come and go. */
    private static final String METRICS_HEADER_START = "step,epoch,";

    private EvolutionFrames() {}

    /**
     * Which recorded grids become frames: all (evenly thinned beyond {@value #DEFAULT_MAX_FRAMES}),
     * every k-th, or n spread evenly by step or by log(step + 1).
     *
     * @param every take every k-th grid, or 0
     * @param frames take this many grids, or 0
     * @param logSpaced spread {@code frames} evenly in log(step + 1) rather than in step
     */
    public record Selection(int every, int frames, boolean logSpaced) {
        public Selection {
            if (every < 0 || frames < 0) {
                throw new IllegalArgumentException("frame selection needs positive numbers, got every " + every
                        + ", frames " + frames);
            }
            if (every > 0 && frames > 0) {
                throw new IllegalArgumentException("frames are chosen by every k-th grid or by a count, not both");
            }
            if (frames == 1) {
                throw new IllegalArgumentException("a frame count must be at least 2 (the first and last grids), "
                        + "got 1");
            }
            if (logSpaced && frames == 0) {
                throw new IllegalArgumentException("log spacing needs a frame count");
            }
        }

        /** Every grid, evenly thinned to {@value #DEFAULT_MAX_FRAMES} when there are more. */
        public static Selection all() {
            return new Selection(0, 0, false);
        }

        /** Every k-th grid, the last always included. */
        public static Selection every(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("every k-th grid needs k ≥ 1, got " + k);
            }
            return new Selection(k, 0, false);
        }

        /** {@code n} distinct grids spread evenly, the first and last included. */
        public static Selection frames(int n, boolean logSpaced) {
            if (n < 2) {
                throw new IllegalArgumentException("a frame count must be at least 2 (the first and last grids), "
                        + "got " + n);
            }
            return new Selection(0, n, logSpaced);
        }

        /**
         * The chosen steps, ascending and distinct.
         *
         * @param steps the recorded steps, ascending and distinct
         */
        public List<Long> pick(List<Long> steps) {
            if (steps.isEmpty()) {
                return List.of();
            }
            if (every > 0) {
                List<Long> out = new ArrayList<>();
                for (int i = 0; i < steps.size(); i += every) {
                    out.add(steps.get(i));
                }
                if (!out.get(out.size() - 1).equals(steps.get(steps.size() - 1))) {
                    out.add(steps.get(steps.size() - 1));
                }
                return out;
            }
            return spread(steps, frames > 0 ? frames : DEFAULT_MAX_FRAMES, logSpaced);
        }
    }

    /**
     * Picks {@code n} grids nearest to targets spread evenly between the first and last step (in
     * step or log(step + 1)). Each pick is confined to the grids after the previous pick that still
     * leave one grid for every later target, so crowded targets (log spacing crowds the start) take
     * neighbouring grids instead of repeating one, and the count is exactly {@code n}.
     */
    static List<Long> spread(List<Long> steps, int n, boolean logSpaced) {
        int m = steps.size();
        if (m <= n) {
            return List.copyOf(steps);
        }
        double[] pos = new double[m];
        for (int i = 0; i < m; i++) {
            long s = steps.get(i);
            pos[i] = logSpaced ? Math.log1p(s) : s;
        }
        List<Long> out = new ArrayList<>(n);
        int previous = -1;
        for (int i = 0; i < n; i++) {
            double target = pos[0] + (pos[m - 1] - pos[0]) * i / (n - 1);
            int lo = previous + 1;
            int hi = m - (n - i);
            int above = lowerBound(pos, target);
            int a = Math.max(lo, Math.min(hi, above - 1));
            int b = Math.max(lo, Math.min(hi, above));
            int pick = Math.abs(pos[b] - target) < Math.abs(pos[a] - target) ? b : a;
            out.add(steps.get(pick));
            previous = pick;
        }
        return out;
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The run's sample grids by step.
     *
     * @throws IOException naming the directory when it is not a run directory or holds no grids
     */
    public static NavigableMap<Long, Path> sampleGrids(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IOException(runDir + " is not a directory (a run directory written by train)");
        }
        RunDirectory run = new RunDirectory(runDir);
        if (!Files.isRegularFile(run.config()) && !Files.isDirectory(run.samples())) {
            throw new IOException(runDir + " is not a run directory: it has no " + RunDirectory.CONFIG + " and no "
                    + RunDirectory.SAMPLES + "/");
        }
        NavigableMap<Long, Path> grids = new TreeMap<>();
        for (Path f : run.grids()) {
            // step-10.png and step-000010.png are the same step; either will do.
            grids.putIfAbsent(RunDirectory.gridStep(f).getAsLong(), f);
        }
        if (grids.isEmpty()) {
            throw new IOException("no sample grids (" + RunDirectory.SAMPLES + "/" + RunDirectory.GRID_NAMES + ") in "
                    + runDir);
        }
        return grids;
    }

    /**
     * The epoch each step's grid was drawn in, 0-based as metrics.csv counts: the epoch of the
     * step's metrics row; for steps without one, from the run's steps per epoch when metrics.csv
     * crosses an epoch boundary; -1 where the run does not tell. A half-written last line (a run
     * still training) is ignored.
     *
     * @throws IOException naming metrics.csv and the line when it is malformed
     */
    public static long[] epochs(Path runDir, List<Long> steps) throws IOException {
        Map<Long, Long> known = new HashMap<>();
        long stepsPerEpoch = 0;
        Path metrics = new RunDirectory(runDir).metrics();
        if (Files.isRegularFile(metrics)) {
            String[] lines = Files.readString(metrics, StandardCharsets.UTF_8).split("\n", -1);
            // split leaves "" after a final newline, or the unfinished line of a live run: skip either.
            int complete = lines.length - 1;
            if (complete >= 1 && !lines[0].startsWith(METRICS_HEADER_START)) {
                throw new IOException(metrics + " does not start with the header " + METRICS_HEADER_START + "...");
            }
            Set<Long> wanted = new HashSet<>(steps);
            long previousStep = -1;
            long previousEpoch = -1;
            for (int i = 1; i < complete; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split(",", 3);
                long step;
                long epoch;
                try {
                    step = Long.parseLong(fields[0]);
                    epoch = Long.parseLong(fields.length > 1 ? fields[1] : "");
                } catch (NumberFormatException e) {
                    throw new IOException(metrics + " line " + (i + 1) + " does not start with a step and an "
                            + "epoch: '" + line + "'");
                }
                if (wanted.contains(step)) {
                    known.put(step, epoch);
                }
                // Row s holds epoch (s - 1) / stepsPerEpoch, so where the epoch ticks over, s - 1 is a
                // whole number of epochs.
                if (stepsPerEpoch == 0 && step == previousStep + 1 && epoch == previousEpoch + 1 && epoch > 0
                        && (step - 1) % epoch == 0) {
                    stepsPerEpoch = (step - 1) / epoch;
                }
                previousStep = step;
                previousEpoch = epoch;
            }
        }
        long[] out = new long[steps.size()];
        for (int i = 0; i < out.length; i++) {
            long step = steps.get(i);
            Long epoch = known.get(step);
            if (epoch != null) {
                out[i] = epoch;
            } else if (step == 0) {
                out[i] = 0; // before the first step nothing has been trained: epoch 0 by any count
            } else if (stepsPerEpoch > 0) {
                out[i] = (step - 1) / stepsPerEpoch;
            } else {
                out[i] = -1;
            }
        }
        return out;
    }

    /** "step N · epoch E", or "step N" when the epoch is unknown (negative). */
    public static String caption(long step, long epoch) {
        return epoch < 0 ? "step " + step : String.format(Locale.ROOT, "step %d \u00b7 epoch %d", step, epoch);
    }

    /** Width of a frame made from a grid {@code gridWidth} pixels wide. */
    public static int frameWidth(int gridWidth, int scale) {
        return gridWidth * scale;
    }

    /** Height of a frame made from a grid {@code gridHeight} pixels high, with its caption strip if any. */
    public static int frameHeight(int gridHeight, int scale, boolean caption) {
        return (gridHeight + (caption ? CAPTION_HEIGHT : 0)) * scale;
    }

    /**
     * One frame: the grid scaled by nearest neighbour, and the caption (null for none) in white on a
     * dark strip below it.
     *
     * @param grid {@code gridWidth·gridHeight} packed RGB pixels, row-major
     * @return {@link #frameWidth}·{@link #frameHeight} packed RGB pixels, row-major
     */
    public static int[] compose(int[] grid, int gridWidth, int gridHeight, int scale, String caption) {
        if (grid.length != gridWidth * gridHeight) {
            throw new IllegalArgumentException("grid of " + gridWidth + "×" + gridHeight + " needs "
                    + gridWidth * gridHeight + " pixels, got " + grid.length);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        int w = frameWidth(gridWidth, scale);
        int h = frameHeight(gridHeight, scale, caption != null);
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < gridHeight; y++) {
            for (int x = 0, src = y * gridWidth; x < gridWidth; x++, src++) {
                int rgb = grid[src] & 0xFFFFFF;
                for (int dx = 0; dx < scale; dx++) {
                    row[x * scale + dx] = rgb;
                }
            }
            for (int dy = 0; dy < scale; dy++) {
                System.arraycopy(row, 0, out, (y * scale + dy) * w, w);
            }
        }
        if (caption != null) {
            drawCaption(frame, gridHeight * scale, scale, caption);
        }
        return out;
    }

    /**
     * Sets the font and returns the caption so it fits {@code room} pixels: whole at the usual size,
     * else shortened ("1200 · e3"), else in smaller type, down to a size still legible. A narrow
     * sub-grid (2×2 cells of 28 pixels is 62 wide) would otherwise cut it off mid-number.
     */
    private static String fitCaption(Graphics2D g, String caption, int room, int scale) {
        String shortened = caption.replace("step ", "").replace("epoch ", "e");
        for (int px = CAPTION_FONT_PX; px >= CAPTION_MIN_FONT_PX; px--) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, px * scale));
            FontMetrics fm = g.getFontMetrics();
            if (fm.stringWidth(caption) <= room) {
                return caption;
            }
            if (fm.stringWidth(shortened) <= room) {
                return shortened;
            }
        }
        return shortened;
    }

    private static void drawCaption(BufferedImage frame, int top, int scale, String caption) {
        Graphics2D g = frame.createGraphics();
        try {
            int strip = CAPTION_HEIGHT * scale;
            g.setColor(new Color(CAPTION_BACKGROUND));
            g.fillRect(0, top, frame.getWidth(), strip);
            // Greyscale antialiasing, not LCD: sub-pixel colour fringes would each cost palette entries.
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            String text = fitCaption(g, caption, frame.getWidth() - 6 * scale, scale);
            FontMetrics fm = g.getFontMetrics();
            int baseline = top + (strip - fm.getAscent() - fm.getDescent()) / 2 + fm.getAscent();
            // Left-aligned: centred text would shift sideways whenever the step gains a digit.
            g.drawString(text, 3 * scale, baseline);
        } finally {
            g.dispose();
        }
    }
}
