package org.dcganstudio.app.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.measure.NearestNeighbours;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.MemorisationCheck;

/**
 * The memorisation check for one latent: its image's nearest training images by L2 in pixel space
 * and in the discriminator's penultimate features, with their distances.
 *
 * @param image the generated image
 * @param pixel nearest in pixel space, closest first
 * @param feature nearest in D's features, closest first
 * @param searched training images searched
 * @param data the data set's spec
 */
public record TrainingNeighbours(Pixels image, List<Match> pixel, List<Match> feature, int searched, String data) {

    /** Neighbours shown per space. */
    public static final int K = 5;
    /** Training images searched: enough to judge, seconds rather than minutes on a CPU. */
    public static final int LIMIT = 5000;

    /** What the studio says beside the result, after the paper (section 6.1 and 6.2). */
    public static final String HELP = "Nearest neighbours are a weak test: the paper notes that small image "
            + "transforms fool them, so a copy can look far and a new image near. Smooth latent walks without sharp "
            + "transitions are the better sign that the model has not memorised its data.";

    /** One training image and its distance. */
    public record Match(Pixels image, int index, double distance) {}

    /** Searches the data set of {@code checkpoint}'s run (its model draws {@code latent} in eval mode). */
    static TrainingNeighbours search(Path checkpoint, float[] latent) throws IOException {
        MemorisationCheck.Result r = MemorisationCheck.run(Checkpoint.read(checkpoint), null, List.of(latent), K, LIMIT,
                false, "cpu", w -> { });
        ModelConfig c = r.config();
        return new TrainingNeighbours(pixels(r.generated(), 0, c), matches(r.neighbours().pixel().get(0), r),
                matches(r.neighbours().feature().get(0), r), r.neighbours().searched(), r.spec());
    }

    private static List<Match> matches(List<NearestNeighbours.Neighbour> list, MemorisationCheck.Result r) {
        List<Match> out = new ArrayList<>();
        for (NearestNeighbours.Neighbour n : list) {
            out.add(new Match(pixels(r.dataImage(n.index()), 0, r.config()), n.index(), n.distance()));
        }
        return List.copyOf(out);
    }

    private static Pixels pixels(float[] images, int index, ModelConfig c) {
        return Pixels.square(c.imageSize(), ImageGrid.toArgb(images, index, c.channels(), c.imageSize()));
    }
}
