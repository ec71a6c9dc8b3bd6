package org.dcganstudio.core.data.faces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Test;

/** Each label shows in the pixels where it should, and only there. */
class FacePainterTest {

    private static final int FACES = 60;
    private static final SyntheticFaces SOURCE = new SyntheticFaces(FACES, 31);

    /**
     * A box in the face's own frame: pixels from the face centre before the jitter rotates and
     * scales it, the frame {@link FacePainter} lays the face out in.
     */
    private record Box(double x0, double x1, double y0, double y1) {
        boolean contains(FaceJitter jitter, int x, int y) {
            double rx = x + 0.5 - (FacePainter.CENTRE_X + jitter.dx());
            double ry = y + 0.5 - (FacePainter.CENTRE_Y + jitter.dy());
            double cos = Math.cos(jitter.angle());
            double sin = Math.sin(jitter.angle());
            double u = (rx * cos + ry * sin) / jitter.scale();
            double v = (-rx * sin + ry * cos) / jitter.scale();
            return u >= x0 && u <= x1 && v >= y0 && v <= y1;
        }
    }

    // From the layout in FacePainter for every stretch the jitter allows, plus the pixel an
    // anti-aliased edge may reach; the mouth and the glasses are kept apart by the nose between.
    private static final Box MOUTH = new Box(-8, 8, 4.5, 14);
    private static final Box EYES = new Box(-17, 17, -8, 4.5);
    private static final Box MIDDLE_OF_FACE = new Box(-7, 7, -5, 12);
    private static final Box LEFT_OF_CHIN_AND_NECK = new Box(-40, -15, 8, 40);
    private static final Box RIGHT_OF_CHIN_AND_NECK = new Box(15, 40, 8, 40);

    private static boolean[][] changed(FaceTraits traits, FaceTraits flipped, FaceJitter jitter) {
        Raster a = FacePainter.paint(traits, jitter);
        Raster b = FacePainter.paint(flipped, jitter);
        boolean[][] diff = new boolean[64][64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    diff[y][x] |= a.sample(x, y, c) != b.sample(x, y, c);
                }
            }
        }
        return diff;
    }

    private static void checkFlip(String attribute, UnaryOperator<FaceTraits> flip, Box changes, Box unchanged,
            Box... shows) {
        for (int i = 0; i < FACES; i++) {
            FaceTraits traits = SOURCE.traits(i);
            FaceJitter jitter = SOURCE.jitter(i);
            boolean[][] diff = changed(traits, flip.apply(traits), jitter);
            int inside = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    if (!diff[y][x]) {
                        continue;
                    }
                    assertTrue(changes.contains(jitter, x, y), attribute + " of face " + i + " changed pixel (" + x
                            + ", " + y + ") outside its region");
                    assertTrue(!unchanged.contains(jitter, x, y), attribute + " of face " + i + " changed pixel ("
                            + x + ", " + y + ") in a region it must leave alone");
                    for (Box box : shows) {
                        if (box.contains(jitter, x, y)) {
                            inside++;
                        }
                    }
                }
            }
            assertTrue(inside >= 15,
                    attribute + " of face " + i + " changed only " + inside + " pixels where it shows");
        }
    }

    @Test
    void smileChangesTheMouthAndNothingElse() {
        checkFlip("smiling", t -> new FaceTraits(!t.smiling(), t.longHair(), t.glasses(), t.hairColour(),
                t.skinTone(), t.background()), MOUTH, EYES, MOUTH);
    }

    @Test
    void glassesChangeTheEyesAndNothingElse() {
        checkFlip("glasses", t -> new FaceTraits(t.smiling(), t.longHair(), !t.glasses(), t.hairColour(),
                t.skinTone(), t.background()), EYES, MOUTH, EYES);
    }

    @Test
    void longHairFallsBesideTheFaceAndLeavesItsMiddleAlone() {
        Box everywhere = new Box(-64, 64, -64, 64);
        checkFlip("long_hair", t -> new FaceTraits(t.smiling(), !t.longHair(), t.glasses(), t.hairColour(),
                t.skinTone(), t.background()), everywhere, MIDDLE_OF_FACE, LEFT_OF_CHIN_AND_NECK,
                RIGHT_OF_CHIN_AND_NECK);
    }

    @Test
    void smilingAndNeutralFacesDifferMostAtTheMouth() {
        int n = 3000;
        SyntheticFaces faces = new SyntheticFaces(n, 77);
        double[][] sums = new double[2][64 * 64 * 3];
        int[] counts = new int[2];
        int smiling = faces.annotations().attributeIndex("smiling");
        for (int i = 0; i < n; i++) {
            int group = faces.annotations().value(i, smiling);
            byte[] px = faces.read(i).pixels();
            for (int p = 0; p < px.length; p++) {
                sums[group][p] += px[p] & 0xFF;
            }
            counts[group]++;
        }
        int best = -1;
        double bestDiff = -1;
        for (int p = 0; p < 64 * 64; p++) {
            double diff = 0;
            for (int c = 0; c < 3; c++) {
                diff += Math.abs(sums[1][3 * p + c] / counts[1] - sums[0][3 * p + c] / counts[0]);
            }
            if (diff > bestDiff) {
                bestDiff = diff;
                best = p;
            }
        }
        int x = best % 64;
        int y = best / 64;
        assertTrue(MOUTH.contains(FaceJitter.NONE, x, y), "largest mean difference at (" + x + ", " + y + ")");
    }
}
