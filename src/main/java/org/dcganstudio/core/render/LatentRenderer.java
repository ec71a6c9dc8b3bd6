package org.dcganstudio.core.render;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dcganstudio.core.nn.Autograd;

/**
 * One thread that owns a private generator and turns latent vectors into pixels. Requests go to
 * named {@link Channel}s, each holding only its newest request: a fast slider drag replaces what
 * is waiting instead of queueing behind it (StyleGAN's visualizer renders the same way).
 */
public final class LatentRenderer implements Renderer {

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

    /** A renderer on the CPU, where the studio explores (its callers need not know the engine's types). */
    public static LatentRenderer onCpu() {
        return new LatentRenderer(Device.cpu());
    }

    /**
     * Starts the render thread. It keeps libtorch's intra-op thread count: setting it (DJL's
     * {@code setNumThreads}) also sets the count of every thread that starts using libtorch
     * later, such as a training thread, which would then train on one core.
     *
     * @param device where the private generator lives
     */
    public LatentRenderer(Device device) {
        this.device = device;
        this.thread = new Thread(this::serve, "latent-renderer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Channel channel(String name) {
        synchronized (lock) {
            Channel c = new Channel(name);
            channels.add(c);
            return c;
        }
    }

    @Override
    public void setWeights(GeneratorWeights next) {
        synchronized (lock) {
            weights = next;
            weightsChanged = true;
            lock.notifyAll();
        }
    }

    @Override
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

    /**
     * Stops the thread and frees the generator's native memory; waits for a render in progress.
     * Requests still waiting are dropped.
     */
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
        synchronized (lock) {
            for (Channel c : channels) {
                if (c.pending != null) {
                    c.pending.drop();
                }
            }
        }
    }

    /** A channel of the render thread; a request waits here until the thread takes it. */
    public final class Channel extends RenderChannel {
        private RenderRequest pending;

        private Channel(String name) {
            super(name, stamps::incrementAndGet);
        }

        @Override
        void enqueue(RenderRequest request) {
            RenderRequest replaced;
            synchronized (lock) {
                if (closed) {
                    // no thread will take it, and a closed renderer is not busy
                    replaced = request;
                } else {
                    replaced = pending;
                    pending = request;
                    lock.notifyAll();
                }
            }
            if (replaced != null) {
                replaced.drop();
            }
        }

        @Override
        public boolean busy() {
            synchronized (lock) {
                return pending != null;
            }
        }
    }

    private void serve() {
        org.dcganstudio.core.training.EngineSettings.initialiseThisThread();
        Autograd.disableOnThisThread();
        try (NDManager root = NDManager.newBaseManager(device);
                RenderingGenerator generator = new RenderingGenerator(root)) {
            while (true) {
                Channel channel = null;
                RenderRequest job = null;
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
                    generator.load(use);
                }
                if (job != null) {
                    RenderedImages result = generator.draw(job);
                    if (result.ok()) {
                        renders.incrementAndGet();
                    }
                    channel.publish(job, result);
                    synchronized (lock) {
                        drawing = false;
                    }
                }
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
}
