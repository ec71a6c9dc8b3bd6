package org.dcganstudio.app.explore;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.measure.NearestNeighbours;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.Checkpoint;

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
        Checkpoint ckpt = Checkpoint.read(checkpoint);
        ModelConfig c = ckpt.config().model();
        if (latent.length != c.nz()) {
            throw new IllegalArgumentException("the latent has " + latent.length + " values, " + checkpoint
                    + " takes " + c.nz());
        }
        String spec = ckpt.config().data();
        ImageDataset data = DataSpec.parse(spec).open(c.imageSize(), c.channels(), ckpt.config().seed(),
                DataContext.offline());
        Autograd.disableOnThisThread();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(c, m, 0);
                Discriminator d = new Discriminator(c, m, 0)) {
            ckpt.restoreGenerator(g);
            ckpt.restoreDiscriminator(d);
            float[] image;
            try (NDManager sm = m.newSubManager()) {
                image = g.forward(sm.create(latent, new Shape(1, c.nz(), 1, 1)), false).toFloatArray();
            }
            NearestNeighbours.Result r = NearestNeighbours.search(image, 1, d, data, K, LIMIT, n -> { });
            return new TrainingNeighbours(pixels(image, 0, c), matches(r.pixel().get(0), data, c),
                    matches(r.feature().get(0), data, c), r.searched(), spec);
        }
    }

    private static List<Match> matches(List<NearestNeighbours.Neighbour> list, ImageDataset data, ModelConfig c) {
        int length = c.channels() * c.imageSize() * c.imageSize();
        List<Match> out = new ArrayList<>();
        for (NearestNeighbours.Neighbour n : list) {
            float[] buf = new float[length];
            data.copyImage(n.index(), buf, 0);
            out.add(new Match(pixels(buf, 0, c), n.index(), n.distance()));
        }
        return List.copyOf(out);
    }

    private static Pixels pixels(float[] images, int index, ModelConfig c) {
        return Pixels.square(c.imageSize(), ImageGrid.toArgb(images, index, c.channels(), c.imageSize()));
    }
}
