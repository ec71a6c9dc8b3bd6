package org.dcganstudio.app.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/** Samples from the generator's prior on offer to join a group, redrawn on request. */
final class CandidateSamples {

    /** Candidate samples on show. */
    static final int COUNT = 24;
    private static final long STREAM = 78;

    private final Renderer.Channel channel;
    private final ReadOnlyObjectWrapper<List<Pixels>> images = new ReadOnlyObjectWrapper<>(List.of());

    private ModelConfig model;
    private List<float[]> latents = List.of();
    private long seed = 1;
    private long shown;

    /** @param channel where the candidates are drawn */
    CandidateSamples(Renderer.Channel channel) {
        this.channel = channel;
    }

    /**
     * Draws with {@code next} from now on; the samples stay while the latent size does, so a
     * followed training's newer copies show the same latents drawn anew.
     */
    void use(ModelConfig next) {
        boolean sameSpace = model != null && model.nz() == next.nz();
        model = next;
        if (!sameSpace) {
            latents = sample();
        }
        channel.submit(latents, false);
    }

    /** New samples (none before a generator). */
    void renew() {
        if (model == null) {
            return;
        }
        seed++;
        latents = sample();
        channel.submit(latents, false);
    }

    /** Candidate {@code index} as a group member, with its image once drawn; empty if there is none. */
    Optional<LatentGroup.Member> pick(int index) {
        if (index < 0 || index >= latents.size()) {
            return Optional.empty();
        }
        List<Pixels> on = images.get();
        Pixels image = index < on.size() ? on.get(index) : null;
        return Optional.of(new LatentGroup.Member(latents.get(index).clone(), image));
    }

    /** Shows the newest drawn candidates. */
    void refresh() {
        RenderedImages r = channel.latest();
        if (r != null && r.stamp() != shown) {
            shown = r.stamp();
            images.set(r.ok() ? r.argb().stream().map(a -> Pixels.square(r.size(), a)).toList() : List.of());
        }
    }

    private List<float[]> sample() {
        List<float[]> out = new ArrayList<>(COUNT);
        Rng rng = Rng.derive(seed, STREAM, 0);
        for (int i = 0; i < COUNT; i++) {
            float[] z = new float[model.nz()];
            model.zPrior().fill(rng, z);
            out.add(z);
        }
        return out;
    }

    ReadOnlyObjectProperty<List<Pixels>> imagesProperty() {
        return images.getReadOnlyProperty();
    }
}
