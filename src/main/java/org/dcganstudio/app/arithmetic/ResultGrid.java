package org.dcganstudio.app.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.VectorArithmetic;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/**
 * The result, the signed sum of the groups' averages, in the centre of a 3×3 grid whose eight
 * neighbours add uniform noise to it, as the paper's Figure 7 shows how stable the result is.
 */
final class ResultGrid {

    private static final long NOISE_STREAM = 79;

    private final Renderer.Channel channel;
    private final LatentGroups groups;
    private final Consumer<String> message;
    private final DoubleProperty noise = new SimpleDoubleProperty(VectorArithmetic.PAPER_NOISE);
    private final ReadOnlyObjectWrapper<List<Pixels>> images = new ReadOnlyObjectWrapper<>(List.of());

    private long noiseSeed = 1;
    private List<float[]> latents = List.of();
    private long wanted = -1;

    /**
     * @param channel where the nine images are drawn
     * @param groups the terms summed
     * @param message the view's line of status, which gets the paper's advice on small groups
     */
    ResultGrid(Renderer.Channel channel, LatentGroups groups, Consumer<String> message) {
        this.channel = channel;
        this.groups = groups;
        this.message = message;
        noise.addListener((obs, was, now) -> render());
    }

    /** New noise for the eight neighbours. */
    void newNoise() {
        noiseSeed++;
        render();
    }

    /** The seed of the neighbours' noise, saved with a recipe so it comes back alike. */
    long noiseSeed() {
        return noiseSeed;
    }

    /** Takes a saved recipe's noise, then draws. */
    void restore(double noiseAmount, long seed) {
        noiseSeed = seed;
        noise.set(noiseAmount);
        render();
    }

    /** Sums the groups and asks for the grid's images, or shows none while a group is empty. */
    void render() {
        if (!groups.complete()) {
            latents = List.of();
            wanted = -1;
            images.set(List.of());
            return;
        }
        List<VectorArithmetic.Term> terms = new ArrayList<>();
        for (LatentGroup g : groups.list()) {
            terms.add(new VectorArithmetic.Term(g.sign(), g.latents()));
        }
        float[] sum = VectorArithmetic.result(terms);
        latents = VectorArithmetic.neighbourhood(sum, noise.get(), Rng.derive(noiseSeed, NOISE_STREAM, 0));
        wanted = channel.submit(latents, false);
        message.accept(groups.anyFew() ? "tip: the paper averaged " + LatentGroup.RECOMMENDED + " samples per group; "
                + "single samples are unstable" : "");
    }

    /** Shows the newest request's images once drawn; an older one's groups may be gone. */
    void refresh() {
        RenderedImages r = channel.latest();
        if (r != null && r.stamp() == wanted && r.ok()) {
            wanted = -1;
            images.set(centreFirst(r.argb()).stream().map(a -> Pixels.square(r.size(), a)).toList());
        }
    }

    /** Grid order for a 3×3 with image 0 (the result) in the centre and 1–8 around it. */
    static <T> List<T> centreFirst(List<T> images) {
        List<T> grid = new ArrayList<>(images.subList(1, images.size()));
        grid.add(Math.min(4, grid.size()), images.get(0));
        return List.copyOf(grid);
    }

    /** The result's latent (row 0) and its neighbours' (rows 1–8), or empty while a group is empty. */
    List<float[]> latents() {
        return latents;
    }

    /** Nine images in 3×3 grid order, the result in the centre; empty while a group is empty. */
    ReadOnlyObjectProperty<List<Pixels>> imagesProperty() {
        return images.getReadOnlyProperty();
    }

    /** Neighbour noise: uniform in [−noise, noise] per dimension (the paper: 0.25). */
    DoubleProperty noiseProperty() {
        return noise;
    }
}
