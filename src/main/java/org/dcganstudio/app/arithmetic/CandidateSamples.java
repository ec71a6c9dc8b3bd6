package org.dcganstudio.app.arithmetic;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.dcganstudio.app.ChannelImages;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.Renderer;

/** Samples from the generator's prior on offer to join a group, redrawn on request. */
final class CandidateSamples {

    /** Candidate samples on show. */
    static final int COUNT = 24;
    private static final long STREAM = 78;

    private final ChannelImages images;

    private ModelConfig model;
    private List<float[]> latents = List.of();
    private long seed = 1;

    /** @param channel where the candidates are drawn */
    CandidateSamples(Renderer.Channel channel) {
        this.images = new ChannelImages(channel, false);
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
        images.submit(latents, false);
    }

    /** New samples (none before a generator). */
    void renew() {
        if (model == null) {
            return;
        }
        seed++;
        latents = sample();
        images.submit(latents, false);
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
        images.refresh();
    }

    private List<float[]> sample() {
        return model.zPrior().sample(Rng.derive(seed, STREAM, 0), COUNT, model.nz());
    }

    ReadOnlyObjectProperty<List<Pixels>> imagesProperty() {
        return images.property();
    }
}
