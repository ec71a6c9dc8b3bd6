package org.dcganstudio.core.render;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.RunningStats;

/**
 * One thread that owns a private generator and turns latent vectors into pixels. Requests go to
 * named {@link Channel}s, each holding only its newest request: a fast slider drag replaces what
 * is waiting instead of queueing behind it (StyleGAN's visualizer renders the same way). Results
 * are published per channel in an {@link AtomicReference} for a UI to pull at its own rate.
 */
public final class LatentRenderer implements AutoCloseable {

    private final Object lock = new Object();
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicLong stamps = new AtomicLong();
    private final AtomicLong renders = new AtomicLong();
    private final Device device;
    private final Thread thread;
    private GeneratorWeights weights;
    private boolean weightsChanged;
    private boolean closed;
    private boolean drawing;
    // confined to the render thread: why the newest weights could not be loaded
    private String loadError;

    /**
     * Starts the render thread. It keeps libtorch's intra-op thread count: setting it (DJL's
     * {@code setNumThreads}) also sets the count of every thread that starts using libtorch
     * later, such as a training thread, which would then train on one core.
     *
     * @param device where the private generator lives
     */
    /** A renderer on the CPU, where the studio explores (its callers need not know the engine's types). */
    public static LatentRenderer onCpu() {
        return new LatentRenderer(Device.cpu());
    }

    public LatentRenderer(Device device) {
        this.device = device;
        this.thread = new Thread(this::serve, "latent-renderer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A new channel. Channels made first are served first when several wait, so make the one a
     * user drags (the current image) before the ones that can lag (grids).
     */
    public Channel channel(String name) {
        synchronized (lock) {
            Channel c = new Channel(name);
            channels.add(c);
            return c;
        }
    }

    /** Swaps the generator the next renders use (pending requests are drawn with it). */
    public void setWeights(GeneratorWeights next) {
        synchronized (lock) {
            weights = next;
            weightsChanged = true;
            lock.notifyAll();
        }
    }

    /** The weights renders use now, or null before any. */
    public GeneratorWeights weights() {
        synchronized (lock) {
            return weights;
        }
    }

    /** Whether nothing waits and nothing is being drawn (tests and benchmarks settle on it). */
    public boolean idle() {
        synchronized (lock) {
            return !drawing && firstWaiting() == null;
        }
    }

    /** How many requests were drawn so far (coalesced ones are not). */
    public long renders() {
        return renders.get();
    }

    /** Stops the thread and frees the generator's native memory; waits for a render in progress. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stream of requests of one kind, of which only the newest waiting one is drawn. */
    public final class Channel {
        private final String name;
        private final AtomicReference<RenderedImages> latest = new AtomicReference<>();
        private final List<Consumer<RenderedImages>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
        private Pending pending;

        private Channel(String name) {
            this.name = name;
        }

        /**
         * Asks for images of {@code latents} (each of the model's nz); replaces any request of
         * this channel still waiting.
         *
         * @return the request's stamp
         */
        public long submit(List<float[]> latents, boolean batchStats) {
            if (latents.isEmpty()) {
                throw new IllegalArgumentException("nothing to render");
            }
            List<float[]> copy = new ArrayList<>(latents.size());
            for (float[] z : latents) {
                copy.add(z.clone());
            }
            long stamp = stamps.incrementAndGet();
            synchronized (lock) {
                pending = new Pending(stamp, List.copyOf(copy), batchStats, System.nanoTime());
                lock.notifyAll();
            }
            return stamp;
        }

        /** The newest result, or null before the first. */
        public RenderedImages latest() {
            return latest.get();
        }

        /** Called on the render thread after each result of this channel (benchmarks, tests). */
        public void onRendered(Consumer<RenderedImages> listener) {
            listeners.add(listener);
        }

        /** Whether a request of this channel waits to be drawn. */
        public boolean busy() {
            synchronized (lock) {
                return pending != null;
            }
        }

        @Override
        public String toString() {
            return "channel " + name;
        }
    }

    private record Pending(long stamp, List<float[]> latents, boolean batchStats, long submittedNanos) {}

    private void serve() {
        org.dcganstudio.core.training.EngineSettings.initialiseThisThread();
        Autograd.disableOnThisThread();
        try (NDManager root = NDManager.newBaseManager(device)) {
            Generator generator = null;
            while (true) {
                Channel channel = null;
                Pending job = null;
                GeneratorWeights use;
                boolean reload;
                synchronized (lock) {
                    while (!closed && (weights == null || firstWaiting() == null) && !weightsChanged) {
                        lock.wait();
                    }
                    if (closed) {
                        break;
                    }
                    use = weights;
                    reload = weightsChanged;
                    weightsChanged = false;
                    if (use != null) {
                        channel = firstWaiting();
                        if (channel != null) {
                            job = channel.pending;
                            channel.pending = null;
                            drawing = true;
                        }
                    }
                }
                if (reload && use != null) {
                    generator = load(root, generator, use);
                }
                if (job != null) {
                    publish(channel, draw(root, generator, use, job));
                    synchronized (lock) {
                        drawing = false;
                    }
                }
            }
            if (generator != null) {
                generator.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Channel firstWaiting() {
        for (Channel c : channels) {
            if (c.pending != null) {
                return c;
            }
        }
        return null;
    }

    private Generator load(NDManager root, Generator current, GeneratorWeights w) {
        Generator g = current;
        if (g == null || !g.config().equals(w.config())) {
            if (g != null) {
                g.close();
            }
            g = new Generator(w.config(), root, 0);
        }
        try {
            w.loadInto(g);
        } catch (java.io.IOException | RuntimeException e) {
            // the old weights stay usable; the next draw reports why the new ones were refused
            loadError = w.origin() + ": " + e.getMessage();
            return g;
        }
        loadError = null;
        g.invalidateCaches();
        return g;
    }

    private RenderedImages draw(NDManager root, Generator g, GeneratorWeights w, Pending job) {
        int nz = w.config().nz();
        int size = w.config().imageSize();
        for (float[] z : job.latents()) {
            if (z.length != nz) {
                return failed(job, size, w, "latent of " + z.length + " values, the model needs " + nz);
            }
        }
        if (loadError != null) {
            return failed(job, size, w, loadError);
        }
        try (NDManager sm = root.newSubManager()) {
            int n = job.latents().size();
            NDArray z = sm.create(Vectors.pack(job.latents(), nz), new Shape(n, nz, 1, 1));
            float[] images;
            if (job.batchStats()) {
                RunningStats saved = RunningStats.copyOf(g, sm);
                images = g.forward(z, true).toFloatArray();
                saved.restore();
            } else {
                images = g.forward(z, false).toFloatArray();
            }
            int channels = w.config().channels();
            List<int[]> argb = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                argb.add(ImageGrid.toArgb(images, i, channels, size));
            }
            renders.incrementAndGet();
            return new RenderedImages(job.stamp(), job.latents(), job.batchStats(), List.copyOf(argb), size, w.step(),
                    job.submittedNanos(), System.nanoTime(), null);
        } catch (RuntimeException e) {
            return failed(job, size, w, "generation failed: " + e.getMessage());
        }
    }

    private static RenderedImages failed(Pending job, int size, GeneratorWeights w, String why) {
        return new RenderedImages(job.stamp(), job.latents(), job.batchStats(), List.of(), size, w.step(),
                job.submittedNanos(), System.nanoTime(), why);
    }

    private static void publish(Channel channel, RenderedImages result) {
        channel.latest.set(result);
        for (Consumer<RenderedImages> l : channel.listeners) {
            l.accept(result);
        }
    }
}
