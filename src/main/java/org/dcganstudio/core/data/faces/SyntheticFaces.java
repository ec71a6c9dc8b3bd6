package org.dcganstudio.core.data.faces;

import java.util.List;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;
import org.dcganstudio.core.math.Rng;

/**
 * Procedural 64×64 cartoon faces with labelled attributes: the studio's embedded data set, for
 * the paper's face demos where no face data set can be downloaded. Each face is a pure function
 * of (seed, index): its attributes are drawn first, each independent of the others, then small
 * unlabelled changes of pose, proportions and colour. Faces are drawn on every {@link #read}, so
 * the set costs no memory beyond its labels.
 */
public final class SyntheticFaces implements RasterSource {

    /** Size of the default set: enough distinct faces for a smooth latent space. */
    public static final int DEFAULT_COUNT = 50_000;

    /** Side of the square faces in pixels; the pipeline resizes for other model sizes. */
    public static final int IMAGE_SIZE = FacePainter.SIZE;

    /** Mouth a smile instead of a straight line. */
    public static final Attribute SMILING = Attribute.binary("smiling");
    /** Hair falling beside the face down to the shoulders instead of a short cap. */
    public static final Attribute LONG_HAIR = Attribute.binary("long_hair");
    /** Dark frames over the eyes. */
    public static final Attribute GLASSES = Attribute.binary("glasses");
    public static final Attribute HAIR_COLOUR = new Attribute("hair_colour", names(FacePainter.HAIR));
    public static final Attribute SKIN_TONE = new Attribute("skin_tone", names(FacePainter.SKIN));
    public static final Attribute BACKGROUND = new Attribute("background", names(FacePainter.BACKGROUND));

    /** The attributes in the column order of {@link #annotations()} and of an export's CSV. */
    public static final List<Attribute> ATTRIBUTES = List.of(SMILING, LONG_HAIR, GLASSES, HAIR_COLOUR, SKIN_TONE,
            BACKGROUND);

    /** Stream id for {@link Rng#derive}; distinct from the shapes, colours, noise and shuffle streams. */
    static final long STREAM = 55;

    private final int count;
    private final long seed;
    private final ImageAnnotations annotations;

    /**
     * @param count number of faces, at least 1
     * @param seed picks which faces the set holds
     */
    public SyntheticFaces(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("face count must be at least 1, got " + count);
        }
        this.count = count;
        this.seed = seed;
        int[][] columns = new int[ATTRIBUTES.size()][count];
        for (int i = 0; i < count; i++) {
            FaceTraits traits = FaceTraits.draw(rng(i));
            for (int a = 0; a < columns.length; a++) {
                columns[a][i] = traits.level(a);
            }
        }
        ImageAnnotations.Builder builder = ImageAnnotations.builder(count);
        for (int a = 0; a < columns.length; a++) {
            builder.attribute(ATTRIBUTES.get(a), columns[a]);
        }
        this.annotations = builder.build();
    }

    @Override
    public String name() {
        return "synthetic-faces";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Raster read(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("face " + index + " of " + name() + " (size " + count + ")");
        }
        Rng rng = rng(index);
        FaceTraits traits = FaceTraits.draw(rng);
        return FacePainter.paint(traits, FaceJitter.draw(rng));
    }

    @Override
    public ImageAnnotations annotations() {
        return annotations;
    }

    /** The attributes face {@code index} is drawn with, to draw it again with one of them changed. */
    FaceTraits traits(int index) {
        return FaceTraits.draw(rng(index));
    }

    /** The pose, proportion and colour jitter face {@code index} is drawn with. */
    FaceJitter jitter(int index) {
        Rng rng = rng(index);
        // The jitter follows the traits in the face's stream, so they are drawn and passed over.
        FaceTraits.draw(rng);
        return FaceJitter.draw(rng);
    }

    private Rng rng(int index) {
        return Rng.derive(seed, STREAM, index);
    }

    private static List<String> names(List<FacePainter.Swatch> swatches) {
        return swatches.stream().map(FacePainter.Swatch::name).toList();
    }
}
