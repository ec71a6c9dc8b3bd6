package org.dcganstudio.app;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/**
 * A row of images drawn on one renderer channel, as a property a view binds: requests go out
 * through here, and {@link #refresh()} (the view's frame timer) takes in what was drawn.
 */
public final class ChannelImages {

    private final Renderer.Channel channel;
    private final boolean newestOnly;
    private final ReadOnlyObjectWrapper<List<Pixels>> images = new ReadOnlyObjectWrapper<>(List.of());
    private long shown;
    private long wanted = -1;

    /**
     * @param newestOnly show only the newest request's images, never an older one drawn late: its
     *     latents may be gone (a strip of anchors since removed must not come back)
     */
    public ChannelImages(Renderer.Channel channel, boolean newestOnly) {
        this.channel = channel;
        this.newestOnly = newestOnly;
    }

    /** Asks for the images of {@code latents}; the ones on show stay until they are drawn. */
    public void submit(List<float[]> latents, boolean batchStats) {
        wanted = channel.submit(latents, batchStats);
    }

    /** Nothing on show, and nothing asked for so far will be. */
    public void clear() {
        wanted = -1;
        images.set(List.of());
    }

    public void refresh() {
        RenderedImages r = channel.latest();
        if (r != null && r.stamp() != shown && (!newestOnly || r.stamp() == wanted)) {
            shown = r.stamp();
            images.set(r.ok() ? pixels(r) : List.of());
        }
    }

    /** The images on show (empty before the first and after a failed render). */
    public List<Pixels> get() {
        return images.get();
    }

    public ReadOnlyObjectProperty<List<Pixels>> property() {
        return images.getReadOnlyProperty();
    }

    public static List<Pixels> pixels(RenderedImages r) {
        List<Pixels> out = new ArrayList<>(r.argb().size());
        for (int[] a : r.argb()) {
            out.add(Pixels.square(r.size(), a));
        }
        return List.copyOf(out);
    }
}
