package org.dcganstudio.core.render;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dcganstudio.core.nn.Autograd;

/**
 * A renderer that draws each request on the thread that submits it, before {@code submit}
 * returns, with the same drawing as {@link LatentRenderer}: a ViewModel test on it sees its images
 * at once, without threads, sleeps or polling. Drawing stops graph recording on the caller's thread,
 * as every thread that runs a model here does. A request made before any weights waits for them.
 */
public final class SameThreadRenderer implements Renderer {

    private final List<Channel> channels = new ArrayList<>();
    private final AtomicLong stamps = new AtomicLong();
    private final NDManager root;
    private final RenderingGenerator generator;
    private GeneratorWeights weights;

    /** @param device where the private generator lives */
    public SameThreadRenderer(Device device) {
        root = NDManager.newBaseManager(device);
        generator = new RenderingGenerator(root);
    }

    @Override
    public synchronized Renderer.Channel channel(String name) {
        Channel c = new Channel(name);
        channels.add(c);
        return c;
    }

    @Override
    public synchronized void setWeights(GeneratorWeights next) {
        weights = next;
        generator.load(next);
        for (Channel c : channels) {
            RenderRequest waiting = c.pending;
            if (waiting != null) {
                c.pending = null;
                c.draw(waiting);
            }
        }
    }

    @Override
    public synchronized GeneratorWeights weights() {
        return weights;
    }

    /** Frees the generator's native memory; requests waiting for weights are dropped. */
    @Override
    public synchronized void close() {
        for (Channel c : channels) {
            if (c.pending != null) {
                c.pending.drop();
            }
        }
        generator.close();
        root.close();
    }

    private final class Channel extends RenderChannel {
        /** A request made before any weights. */
        private RenderRequest pending;

        Channel(String name) {
            super(name, stamps::incrementAndGet);
        }

        @Override
        void enqueue(RenderRequest request) {
            synchronized (SameThreadRenderer.this) {
                if (generator.loaded()) {
                    draw(request);
                    return;
                }
                if (pending != null) {
                    pending.drop();
                }
                pending = request;
            }
        }

        private void draw(RenderRequest request) {
            Autograd.disableOnThisThread();
            publish(request, generator.draw(request));
        }

        @Override
        public boolean busy() {
            synchronized (SameThreadRenderer.this) {
                return pending != null;
            }
        }
    }
}
