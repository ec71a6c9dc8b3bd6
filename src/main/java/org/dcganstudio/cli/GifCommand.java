package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcganstudio.core.export.AnimatedGif;
import org.dcganstudio.core.export.EvolutionFrames;
import org.dcganstudio.core.export.EvolutionGif;
import org.dcganstudio.core.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gif}: a run's training as an animated GIF of its recorded sample grids. */
@Command(name = "gif", mixinStandardHelpOptions = true,
        description = {"Animate a run's training: its recorded sample grids (RUN_DIR/" + RunDirectory.SAMPLES + "/"
                + RunDirectory.GRID_NAMES + "), "
                + "one frame each in step order, as a looping GIF with one shared palette.",
            "Without --every or --frames every grid is used, evenly thinned to "
                + EvolutionFrames.DEFAULT_MAX_FRAMES + " frames when there are more. The first and last "
                + "grids are always frames and no grid is shown twice."})
final class GifCommand implements java.util.concurrent.Callable<Integer> {

    private static final Pattern GRID = Pattern.compile("(\\d{1,5})[x×X](\\d{1,5})");

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory written by train")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "FILE.gif", description = "the GIF to write")
    Path out;

    @Option(names = "--every", paramLabel = "K", description = "every K-th recorded grid (the last always included)")
    Integer every;

    @Option(names = "--frames", paramLabel = "N",
            description = "N grids (at least 2) spread evenly by step; fewer when the run has fewer")
    Integer frames;

    @Option(names = "--log-spaced",
            description = "with --frames: spread evenly in log(step + 1), so the early steps, where most changes, "
                    + "get more frames")
    boolean logSpaced;

    @Option(names = "--delay", defaultValue = "100", paramLabel = "MS",
            description = "time per frame in ms, 10 ms steps; the last frame holds for "
                    + EvolutionGif.LAST_FRAME_MS + " ms (or MS when longer) (default ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "S",
            description = "integer pixel scale, nearest neighbour, 1 to " + EvolutionGif.MAX_SCALE
                    + " (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--caption", description = "write \"step N · epoch E\" in a strip under each grid (epochs from "
            + RunDirectory.METRICS + ", counted from 0)")
    boolean caption;

    @Option(names = "--loop", defaultValue = "0", paramLabel = "N",
            description = "times to play, 0 for forever (default ${DEFAULT-VALUE})")
    int loops;

    @Option(names = "--dither", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Floyd–Steinberg dithering against banding (default on; --no-dither maps each pixel to its "
                    + "nearest palette colour: flat bands, a slightly smaller file)")
    boolean dither;

    @Option(names = "--grid", paramLabel = "CxR",
            description = "keep only the top-left C columns and R rows of cells of each grid, e.g. 4x4: a quarter "
                    + "of an 8×8 grid's pixels and about a quarter of its file size (default: the whole grid)")
    String grid;

    @Option(names = "--frame-diff", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "store only the pixels that change from one frame to the next (default on; "
                    + "--no-frame-diff stores every frame whole: the same pictures, usually a larger file)")
    boolean frameDiff;

    @Override
    public Integer call() throws Exception {
        EvolutionGif.Options options = new EvolutionGif.Options(selection(), checkDelay(delayMs), checkScale(), caption,
                checkLoops(), dither, subGrid(), frameDiff);
        ProgressLine line = new ProgressLine(System.err);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: the writer stops at the next frame and removes its temporary file before the JVM exits.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gif-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            EvolutionGif.Result r = write(options, (phase, done, total) -> {
                String verb = phase == EvolutionGif.Phase.READING ? "reading grid" : "writing frame";
                if (done == 1) {
                    line.reset();
                }
                line.show(() -> String.format(Locale.ROOT, "%s %d of %d %s", verb, done, total,
                        TextBar.of((double) done / total)), done >= total);
                return !stop.get();
            });
            System.out.printf(Locale.ROOT, "wrote %s (%d frames, steps %d to %d, %d×%d, %.1f KB)%n", out,
                    r.steps().size(), r.steps().get(0), r.steps().get(r.steps().size() - 1), r.width(), r.height(),
                    r.bytes() / 1024.0);
            return 0;
        } catch (CancellationException e) {
            System.err.println("cancelled: nothing written to " + out);
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook, which now returns
            }
        }
    }

    private EvolutionGif.Result write(EvolutionGif.Options options, EvolutionGif.Progress progress)
            throws java.io.IOException {
        try {
            return EvolutionGif.write(runDir, out, options, progress);
        } catch (EvolutionGif.SubGridException e) {
            throw new IllegalArgumentException("--grid " + grid + ": " + e.getMessage(), e);
        }
    }

    private EvolutionGif.SubGrid subGrid() {
        if (grid == null) {
            return null;
        }
        Matcher m = GRID.matcher(grid.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--grid must be COLUMNSxROWS cells, like 4x4, got '" + grid + "'");
        }
        int columns = Integer.parseInt(m.group(1));
        int rows = Integer.parseInt(m.group(2));
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("--grid needs at least 1x1 cells, got " + grid);
        }
        return new EvolutionGif.SubGrid(columns, rows);
    }

    private EvolutionFrames.Selection selection() {
        if (every != null && frames != null) {
            throw new IllegalArgumentException("give --every or --frames, not both");
        }
        if (logSpaced && frames == null) {
            throw new IllegalArgumentException("--log-spaced spaces --frames N; give --frames too");
        }
        if (every != null) {
            if (every < 1) {
                throw new IllegalArgumentException("--every must be at least 1, got " + every);
            }
            return EvolutionFrames.Selection.every(every);
        }
        if (frames != null) {
            if (frames < 2) {
                throw new IllegalArgumentException("--frames must be at least 2 (the first and last grids), got "
                        + frames);
            }
            CountLimits.requireAtMost("--frames", frames, CountLimits.MAX_GIF_FRAMES,
                    "each frame is a decoded grid; that many play for hours");
            return EvolutionFrames.Selection.frames(frames, logSpaced);
        }
        return EvolutionFrames.Selection.all();
    }

    /** The check of a {@code --delay} in ms, shared with {@code interpolate}'s GIF so the two read alike. */
    static int checkDelay(int ms) {
        if (ms < 0 || ms > AnimatedGif.MAX_DELAY_MS) {
            throw new IllegalArgumentException("--delay must be in [0, " + AnimatedGif.MAX_DELAY_MS + "] ms, got "
                    + ms);
        }
        return ms;
    }

    private int checkScale() {
        if (scale < 1 || scale > EvolutionGif.MAX_SCALE) {
            throw new IllegalArgumentException("--scale must be in [1, " + EvolutionGif.MAX_SCALE + "], got " + scale);
        }
        return scale;
    }

    private int checkLoops() {
        if (loops < 0 || loops > 0xFFFF) {
            throw new IllegalArgumentException("--loop must be in [0, 65535] (0 = forever), got " + loops);
        }
        return loops;
    }
}
