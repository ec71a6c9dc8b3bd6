package org.dcganstudio.core.data.faces;

import org.dcganstudio.core.math.Rng;

/**
 * The unlabelled variation of one face: small changes of pose, proportions and colour that make
 * tens of thousands of faces distinct without hiding the attributes or moving the face off centre.
 *
 * @param angle head rotation in radians, within ±8°
 * @param scale head size factor, within 1 ± 8%
 * @param dx horizontal shift in pixels, within ±3
 * @param dy vertical shift in pixels, within ±3
 * @param eyeSize eye size factor, within [0.85, 1.2]
 * @param stretch face shape: positive is wider and shorter, within ±0.07
 * @param skinShade brightness change of the skin, within ±1 (scaled by {@link FacePainter})
 * @param hairShade brightness change of the hair, within ±1
 * @param backgroundShade brightness change of the background, within ±1
 */
record FaceJitter(double angle, double scale, double dx, double dy, double eyeSize, double stretch,
        double skinShade, double hairShade, double backgroundShade) {

    /** No variation: the face upright, centred, at its nominal size and colours. */
    static final FaceJitter NONE = new FaceJitter(0, 1, 0, 0, 1, 0, 0, 0, 0);

    static FaceJitter draw(Rng rng) {
        return new FaceJitter(Math.toRadians(symmetric(rng, 8)), 1 + symmetric(rng, 0.08), symmetric(rng, 3),
                symmetric(rng, 3), 0.85 + 0.35 * rng.nextDouble(), symmetric(rng, 0.07), symmetric(rng, 1),
                symmetric(rng, 1), symmetric(rng, 1));
    }

    private static double symmetric(Rng rng, double half) {
        return half * (2 * rng.nextDouble() - 1);
    }
}
