package org.dcganstudio.core.data.faces;

import org.dcganstudio.core.math.Rng;

/**
 * The labelled attributes of one face, as level indices into {@link SyntheticFaces#ATTRIBUTES}.
 * Drawn before anything else from a face's generator, so the labels of a whole data set come
 * without rendering a single face.
 */
record FaceTraits(boolean smiling, boolean longHair, boolean glasses, int hairColour, int skinTone,
        int background) {

    FaceTraits {
        checkLevel("hair colour", hairColour, FacePainter.HAIR.size());
        checkLevel("skin tone", skinTone, FacePainter.SKIN.size());
        checkLevel("background", background, FacePainter.BACKGROUND.size());
    }

    /** Each binary attribute a fair coin and each categorical one uniform, all independent. */
    static FaceTraits draw(Rng rng) {
        return new FaceTraits(rng.nextInt(2) == 1, rng.nextInt(2) == 1, rng.nextInt(2) == 1,
                rng.nextInt(FacePainter.HAIR.size()), rng.nextInt(FacePainter.SKIN.size()),
                rng.nextInt(FacePainter.BACKGROUND.size()));
    }

    /** The level of attribute column {@code attribute}, in {@link SyntheticFaces#ATTRIBUTES} order. */
    int level(int attribute) {
        return switch (attribute) {
            case 0 -> smiling ? 1 : 0;
            case 1 -> longHair ? 1 : 0;
            case 2 -> glasses ? 1 : 0;
            case 3 -> hairColour;
            case 4 -> skinTone;
            case 5 -> background;
            default -> throw new IndexOutOfBoundsException("attribute " + attribute + " of 6");
        };
    }

    private static void checkLevel(String what, int level, int levels) {
        if (level < 0 || level >= levels) {
            throw new IllegalArgumentException(what + " must be in [0, " + (levels - 1) + "], got " + level);
        }
    }
}
