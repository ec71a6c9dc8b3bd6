package org.dcganstudio.core.session;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.training.MetricsRow;
import org.dcganstudio.core.training.TrainConfig;

/**
 * Shows a run directory that another process writes (the CLI on this machine, or a GPU server's
 * run synced here): it polls the directory, reads only the new lines of {@code metrics.csv}, loads
 * the newest sample grid, lists checkpoints, and publishes the same snapshots a training session
 * does, in state {@link SessionState#FOLLOWING}. It never writes into the directory.
 */
public final class RunFollower implements SnapshotSource, AutoCloseable {

    private final RunDirectory run;
    private final TrainConfig config;
    private final AtomicReference<SessionSnapshot> latest = new AtomicReference<>();
    private final ScheduledExecutorService poller;

    // Confined to the poller thread.
    private long offset;
    private String partialLine = "";
    private final List<MetricsRow> rows = new ArrayList<>();
    private MetricsSeries metrics = MetricsSeries.EMPTY;
    private SampleGrid grid;
    private long version;
    private String message = "";

    /**
     * Starts following.
     *
     * @throws IOException if the directory holds no readable config.json (not a run directory)
     */
    public RunFollower(Path runDir, Duration interval) throws IOException {
        this.run = new RunDirectory(runDir);
        this.config = ConfigFile.read(runDir);
        poll();
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "dcgan-run-follower");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest state of the run as read from disk. */
    @Override
    public SessionSnapshot latest() {
        return latest.get();
    }

    /** The run directory followed. */
    public Path runDir() {
        return run.root();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        try {
            readMetrics();
            List<Long> gridSteps = RunFiles.sampleSteps(run.root());
            if (!gridSteps.isEmpty()) {
                long newest = gridSteps.get(gridSteps.size() - 1);
                if (grid == null || grid.step() != newest) {
                    grid = readGrid(newest);
                }
            }
            long step = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).step();
            double ips = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).imagesPerS();
            double eta = ips > 0 ? (config.iterations() - step) * config.batch() / ips : 0;
            latest.set(new SessionSnapshot(++version, SessionState.FOLLOWING, run.root(), config, step,
                    config.iterations(), stepsPerEpoch(), ips, eta, metrics, grid, gridSteps,
                    RunFiles.checkpoints(run.root()), message, null, 0));
        } catch (IOException | RuntimeException e) {
            message = "could not read " + run.root() + ": " + e.getMessage();
            // Readers are promised a snapshot from the start, even when the first read fails.
            SessionSnapshot last = latest.get() != null ? latest.get() : SessionSnapshot.IDLE;
            latest.set(new SessionSnapshot(++version, SessionState.FOLLOWING, run.root(), config, last.step(),
                    last.total(), last.stepsPerEpoch(), last.imagesPerS(), last.etaSeconds(), last.metrics(),
                    last.grid(), last.gridSteps(), last.checkpoints(), message, null, 0));
        }
    }

    /** Reads the lines appended since the last poll; starts over if the file was rewritten (a resume). */
    private void readMetrics() throws IOException {
        Path file = run.metrics();
        if (!Files.exists(file)) {
            return;
        }
        long size = Files.size(file);
        if (size < offset) {
            offset = 0;
            partialLine = "";
            rows.clear();
            metrics = MetricsSeries.EMPTY;
        }
        if (size == offset) {
            return;
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            bytes = new byte[(int) (size - offset)];
            in.readFully(bytes);
        }
        offset = size;
        String text = partialLine + new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        partialLine = end < 0 ? text : text.substring(end + 1);
        if (end < 0) {
            return;
        }
        List<MetricsRow> added = new ArrayList<>();
        for (String line : text.substring(0, end).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(MetricsRow.HEADER.substring(0, 4))) {
                continue;
            }
            added.add(MetricsRow.parse(l));
        }
        rows.addAll(added);
        metrics = metrics.append(added);
    }

    private int stepsPerEpoch() {
        for (MetricsRow r : rows) {
            if (r.epoch() >= 1) {
                return (int) ((r.step() - 1) / r.epoch());
            }
        }
        return 0;
    }

    private SampleGrid readGrid(long step) throws IOException {
        return SampleGrid.read(run.root(), step, config.model().imageSize());
    }
}
