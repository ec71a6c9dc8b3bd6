package org.dcganstudio.core.session;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.training.MetricsRow;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingDiverged;
import org.dcganstudio.core.io.RunLock;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.core.training.TrainingRun.Controls;
import org.dcganstudio.core.training.TrainingRun.Decision;

/**
 * The one thread that owns the models. Commands arrive through a queue and are taken between
 * steps; state leaves as immutable {@link SessionSnapshot}s in an {@link AtomicReference}, so a
 * slow reader only ever misses versions and nothing piles up. Errors end the run, never the
 * thread: a failed run leaves a {@link Failure} in the snapshot and the session ready for the next.
 */
public final class TrainingSession implements TrainingService {

    /** Statistics reach the UI at least this often while training. */
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
    private static final long JOIN_MILLIS = 120_000;

    private final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
    private final AtomicReference<SessionSnapshot> latest = new AtomicReference<>(SessionSnapshot.IDLE);
    private final AtomicReference<GeneratorWeights> sharedGenerator = new AtomicReference<>();
    private volatile float[] fixedNoise;
    private final DataContext dataContext;
    private final Thread thread;
    private volatile boolean closed;

    // Confined to the training thread.
    private SessionState state = SessionState.IDLE;
    private Path runDir;
    private TrainConfig config;
    private long step;
    private long total;
    private int stepsPerEpoch;
    private double imagesPerS;
    private double etaSeconds;
    private MetricsSeries metrics = MetricsSeries.EMPTY;
    private SampleGrid grid;
    private List<Long> gridSteps = new ArrayList<>();
    private List<Path> checkpoints = new ArrayList<>();
    private String message = "";
    private Failure failure;
    private int slowMotionMillis;
    private boolean paused;
    private int stepsGranted;
    private boolean shutdown;
    private int shareEvery;
    private long sharedAt = -1;
    private long nextStep;

    /** Marks the end of the queue for the training thread. */
    private static final Object SHUTDOWN = new Object();

    /**
     * Starts the training thread.
     *
     * @param dataContext how runs open their data sets (downloads, warnings)
     */
    public TrainingSession(DataContext dataContext) {
        this.dataContext = dataContext;
        this.thread = new Thread(this::serve, "dcgan-trainer");
        thread.start();
    }

    /** Queues a command; returns at once. */
    @Override
    public void send(SessionCommand command) {
        if (closed) {
            throw new IllegalStateException("the training session is closed");
        }
        commands.add(command);
    }

    /** The latest published state. */
    @Override
    public SessionSnapshot latest() {
        return latest.get();
    }

    /**
     * Ends any run (its final checkpoint written unless {@link SessionCommand.Abandon} was sent
     * first) and waits for the thread, so no native memory or thread outlives the session.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        commands.add(SHUTDOWN);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The newest copy of the generator published on {@link SessionCommand.ShareGenerator} or every
     * {@link SessionCommand.ShareGeneratorEvery} steps, or null: exploring never reads the weights
     * the trainer is changing.
     */
    @Override
    public GeneratorWeights sharedGenerator() {
        return sharedGenerator.get();
    }

    /** The latents of the current run's sample grids ({@code count·nz}), or null before a run. */
    @Override
    public float[] fixedNoise() {
        float[] n = fixedNoise;
        return n == null ? null : n.clone();
    }

    /** Whether the training thread has ended. */
    public boolean terminated() {
        return !thread.isAlive();
    }

    private void serve() {
        while (!shutdown) {
            Object next;
            try {
                next = commands.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == SHUTDOWN) {
                return;
            }
            if (next instanceof SessionCommand.Start s) {
                train(() -> TrainingRun.start(s.config(), s.runDir(), new Events()), s.runDir());
            } else if (next instanceof SessionCommand.Resume r) {
                train(() -> TrainingRun.resume(r.runDir(), r.total(), new Events()), r.runDir());
            } else if (next instanceof SessionCommand.SlowMotion m) {
                slowMotionMillis = Math.max(0, m.millis());
                publish();
            } else if (next instanceof SessionCommand.ShareGeneratorEvery e) {
                shareEvery = Math.max(0, e.steps());
            }
            // Pause, Stop, Save ... with no run have nothing to act on.
        }
    }

    @FunctionalInterface
    private interface RunFactory {
        TrainingRun create() throws IOException;
    }

    private void train(RunFactory factory, Path dir) {
        resetFor(dir);
        state = SessionState.STARTING;
        publish();
        try {
            TrainingRun run = factory.create().withDataContext(dataContext).withFlushInterval(FLUSH_INTERVAL);
            config = run.config();
            publish();
            TrainingRun.Result result = run.run(this::beforeStep);
            step = result.steps();
            state = result.stopped() ? SessionState.STOPPED : SessionState.FINISHED;
        } catch (DataException e) {
            fail("The data set could not be read", e, "Check the data set path and files, or choose another "
                    + "data set. Everything trained so far is in the run's checkpoints.");
        } catch (TrainingDiverged e) {
            fail("Training diverged", e, "Lower the learning rates or try another seed, then start again or "
                    + "roll back to an earlier checkpoint.");
        } catch (OutOfMemoryError e) {
            fail("Out of memory", e, "Use a smaller batch or image size (or ngf/ndf), or give the studio more "
                    + "memory. The last checkpoint is kept.");
        } catch (RunLock.Held e) {
            fail("The run is being written by another process", e, "Continue it there, or stop that process and "
                    + "then continue the run here.");
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            fail("The run could not go on", e, "Check the settings and the run directory.");
        } catch (RuntimeException e) {
            String text = String.valueOf(e.getMessage());
            if (text.toLowerCase(java.util.Locale.ROOT).contains("out of memory")) {
                fail("Out of memory", e, "Use a smaller batch or image size (or ngf/ndf). The last checkpoint is kept.");
            } else {
                e.printStackTrace();
                fail("Training stopped unexpectedly", e, "This is a bug; the last checkpoint is kept. Please report "
                        + "the message.");
            }
        }
        paused = false;
        stepsGranted = 0;
        publish();
    }

    private void resetFor(Path dir) {
        runDir = dir;
        fixedNoise = null;
        sharedAt = -1;
        config = null;
        step = 0;
        total = 0;
        stepsPerEpoch = 0;
        imagesPerS = 0;
        etaSeconds = 0;
        metrics = MetricsSeries.EMPTY;
        grid = null;
        gridSteps = new ArrayList<>();
        checkpoints = new ArrayList<>();
        message = "";
        failure = null;
        paused = false;
        stepsGranted = 0;
        // A resumed run shows the grids and checkpoints it already has on its timeline.
        gridSteps.addAll(RunFiles.sampleSteps(dir));
        checkpoints.addAll(RunFiles.checkpoints(dir));
    }

    private void fail(String title, Throwable e, String advice) {
        state = SessionState.FAILED;
        failure = new Failure(title, String.valueOf(e.getMessage()), advice);
        message = title;
    }

    /** The controller of the running {@link TrainingRun}: takes commands between steps. */
    private Decision beforeStep(long next, Controls controls) {
        nextStep = next;
        if (fixedNoise == null) {
            fixedNoise = controls.fixedNoise();
        }
        if (shareEvery > 0 && next % shareEvery == 0) {
            share(controls, next);
        }
        try {
            boolean waited = false;
            while (true) {
                Object command = commands.poll();
                if (command != null) {
                    Decision d = handle(command, controls);
                    if (d != Decision.RUN) {
                        return d;
                    }
                    continue;
                }
                if (paused) {
                    if (stepsGranted > 0) {
                        stepsGranted--;
                        return Decision.RUN;
                    }
                    // Show the step just taken before holding.
                    controls.publish();
                    state = SessionState.PAUSED;
                    publish();
                    Decision d = handle(commands.take(), controls);
                    if (d != Decision.RUN) {
                        return d;
                    }
                    continue;
                }
                if (slowMotionMillis > 0 && !waited) {
                    controls.publish();
                    waited = true;
                    Object during = commands.poll(slowMotionMillis, TimeUnit.MILLISECONDS);
                    if (during != null) {
                        Decision d = handle(during, controls);
                        if (d != Decision.RUN) {
                            return d;
                        }
                    }
                    continue;
                }
                if (state != SessionState.RUNNING) {
                    state = SessionState.RUNNING;
                    publish();
                }
                return Decision.RUN;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.STOP;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Decision handle(Object command, Controls controls) throws IOException {
        if (command == SHUTDOWN) {
            shutdown = true;
            return Decision.STOP;
        }
        if (command instanceof SessionCommand.Stop) {
            return Decision.STOP;
        }
        if (command instanceof SessionCommand.Abandon) {
            return Decision.ABANDON;
        }
        if (command instanceof SessionCommand.Pause) {
            paused = true;
        } else if (command instanceof SessionCommand.Continue) {
            paused = false;
            stepsGranted = 0;
        } else if (command instanceof SessionCommand.Step) {
            paused = true;
            stepsGranted++;
        } else if (command instanceof SessionCommand.Save) {
            controls.saveCheckpoint();
        } else if (command instanceof SessionCommand.SetLearningRates lr) {
            try {
                controls.setLearningRates(lr.lrG(), lr.lrD());
                config = controls.config();
            } catch (IllegalArgumentException e) {
                message = "learning rates not changed: " + e.getMessage();
            }
        } else if (command instanceof SessionCommand.SlowMotion m) {
            slowMotionMillis = Math.max(0, m.millis());
        } else if (command instanceof SessionCommand.ShareGenerator) {
            share(controls, nextStep);
        } else if (command instanceof SessionCommand.ShareGeneratorEvery e) {
            shareEvery = Math.max(0, e.steps());
        } else if (command instanceof SessionCommand.Start || command instanceof SessionCommand.Resume) {
            message = "a run is in progress: stop it before starting another";
        }
        publish();
        return Decision.RUN;
    }

    private void share(Controls controls, long at) {
        if (at != sharedAt || sharedGenerator.get() == null) {
            sharedAt = at;
            sharedGenerator.set(GeneratorWeights.of(controls.generator(), at,
                    new org.dcganstudio.core.render.GeneratorOrigin.TrainingCopy(runDir, at)));
        }
    }

    private void publish() {
        SessionSnapshot previous = latest.get();
        latest.set(new SessionSnapshot(previous.version() + 1, state, runDir, config, step, total, stepsPerEpoch,
                imagesPerS, etaSeconds, metrics, grid, gridSteps, checkpoints, message, failure, slowMotionMillis));
    }

    /** Turns the run's events into session state; all on the training thread. */
    private final class Events implements TrainingRun.Listener {
        @Override
        public void onStart(long first, long runTotal, int perEpoch) {
            step = first;
            total = runTotal;
            stepsPerEpoch = perEpoch;
            publish();
        }

        @Override
        public void onMetrics(List<MetricsRow> rows) {
            metrics = metrics.append(rows);
            if (!rows.isEmpty()) {
                step = rows.get(rows.size() - 1).step();
            }
            publish();
        }

        @Override
        public void onProgress(TrainingRun.Progress p) {
            step = p.step();
            imagesPerS = p.imagesPerS();
            etaSeconds = p.etaSeconds();
            publish();
        }

        @Override
        public void onSamples(long at, Path file, float[] images) {
            gridSteps.remove(at);
            ModelConfig m = config.model();
            BufferedImage img = ImageGrid.render(images, TrainingRun.SAMPLE_COUNT, m.channels(), m.imageSize(), ImageGrid.COLUMNS, 1);
            int w = img.getWidth();
            int h = img.getHeight();
            grid = new SampleGrid(at, w, h, img.getRGB(0, 0, w, h, null, 0, w), ImageGrid.COLUMNS, m.imageSize(),
                    ImageGrid.PADDING);
            gridSteps.add(at);
            publish();
        }

        @Override
        public void onCheckpoint(long at, Path file) {
            checkpoints.remove(file);
            checkpoints.add(file);
            publish();
        }

        @Override
        public void onMessage(String text) {
            message = text;
        }
    }
}
