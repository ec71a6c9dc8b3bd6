package org.dcganstudio.core.data.faces;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import org.dcganstudio.core.data.Raster;

/**
 * Draws one cartoon face with Java2D. Every call paints on its own image and graphics, so faces
 * can be drawn from many threads at once. Geometry is laid out around the face centre in pixels
 * of the 64×64 image; the pose jitter then rotates, scales and shifts that whole frame.
 */
final class FacePainter {

    /** A named colour: one level of a colour attribute. */
    record Swatch(String name, int rgb) {
    }

    static final List<Swatch> HAIR = List.of(new Swatch("black", 0x221B1B), new Swatch("brown", 0x5C341C),
            new Swatch("blond", 0xE0B45A), new Swatch("red", 0xB8471E), new Swatch("grey", 0xB4B4BA));

    static final List<Swatch> SKIN = List.of(new Swatch("tone1", 0xFBDDC6), new Swatch("tone2", 0xEAB98F),
            new Swatch("tone3", 0xC9946A), new Swatch("tone4", 0x9C6A45), new Swatch("tone5", 0x7D5239));

    // Soft and light, so that every skin tone and hair colour keeps a clear edge against them.
    static final List<Swatch> BACKGROUND = List.of(new Swatch("sky", 0xA8CDEE), new Swatch("mint", 0xAEE3C2),
            new Swatch("lavender", 0xCCBEEE), new Swatch("lemon", 0xF2EBA2), new Swatch("rose", 0xF3BFCB));

    static final int SIZE = 64;

    // The face centre sits a little above the image centre to leave room for neck and shoulders.
    static final double CENTRE_X = 32;
    static final double CENTRE_Y = 29;
    private static final double HALF_WIDTH = 14;
    private static final double HALF_HEIGHT = 17;

    private static final Color SHIRT = new Color(0x52658F);
    private static final Color EYE_WHITE = new Color(0xF8F8F8);
    private static final Color PUPIL = new Color(0x231C20);
    private static final Color FRAMES = new Color(0x1C1C22);
    // Dark enough to read as a line on the darkest skin tone too.
    private static final Color LIPS = new Color(0x4A0F16);

    private static final BasicStroke OUTLINE = new BasicStroke(1f);
    private static final BasicStroke BROW = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke RIM = new BasicStroke(1.6f);
    private static final BasicStroke MOUTH = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private FacePainter() {
    }

    /** The face as a 64×64 RGB raster. */
    static Raster paint(FaceTraits traits, FaceJitter jitter) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // Pure strokes keep sub-pixel positions, so jittered faces change smoothly, not in steps.
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(shade(BACKGROUND.get(traits.background()).rgb(), 0.06 * jitter.backgroundShade()));
            g.fillRect(0, 0, SIZE, SIZE);
            g.translate(CENTRE_X + jitter.dx(), CENTRE_Y + jitter.dy());
            g.rotate(jitter.angle());
            g.scale(jitter.scale(), jitter.scale());
            draw(g, traits, jitter);
        } finally {
            g.dispose();
        }
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[SIZE * SIZE * 3];
        for (int p = 0; p < argb.length; p++) {
            rgb[3 * p] = (byte) (argb[p] >> 16);
            rgb[3 * p + 1] = (byte) (argb[p] >> 8);
            rgb[3 * p + 2] = (byte) argb[p];
        }
        return new Raster(SIZE, SIZE, 3, rgb);
    }

    private static void draw(Graphics2D g, FaceTraits traits, FaceJitter jitter) {
        double w = HALF_WIDTH * (1 + jitter.stretch());
        double h = HALF_HEIGHT * (1 - jitter.stretch());
        int skinRgb = SKIN.get(traits.skinTone()).rgb();
        Color skin = shade(skinRgb, 0.06 * jitter.skinShade());
        int hairRgb = HAIR.get(traits.hairColour()).rgb();
        Color hair = shade(hairRgb, 0.10 * jitter.hairShade());

        // Shapes reach past the image edge so that no rotation uncovers a corner.
        g.setColor(SHIRT);
        g.fill(new RoundRectangle2D.Double(-30, h + 5, 60, 40, 24, 24));
        if (traits.longHair()) {
            g.setColor(hair);
            g.fill(new Ellipse2D.Double(-w - 4, -h - 4, 2 * w + 8, 2 * h + 6));
            Path2D.Double fall = new Path2D.Double();
            fall.moveTo(-w - 4, -2);
            fall.lineTo(w + 4, -2);
            fall.lineTo(w + 7, 45);
            fall.lineTo(-w - 7, 45);
            fall.closePath();
            g.fill(fall);
        }
        g.setColor(shade(skinRgb, 0.06 * jitter.skinShade() - 0.12));
        g.fill(new Rectangle2D.Double(-5, h - 6, 10, 16));
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(-w - 3, -4, 6, 8));
        g.fill(new Ellipse2D.Double(w - 3, -4, 6, 8));
        Shape face = new Ellipse2D.Double(-w, -h, 2 * w, 2 * h);
        g.fill(face);
        g.setColor(shade(skinRgb, 0.06 * jitter.skinShade() - 0.3));
        g.setStroke(OUTLINE);
        g.draw(face);

        g.setColor(hair);
        g.fill(traits.longHair() ? longFront(w, h) : shortCap(w, h));
        g.setColor(shade(hairRgb, 0.10 * jitter.hairShade() - 0.25));
        g.setStroke(BROW);
        double eyeX = 0.42 * w;
        double eyeY = -1;
        g.draw(new Line2D.Double(-eyeX - 2.5, eyeY - 4.2, -eyeX + 2.5, eyeY - 4.8));
        g.draw(new Line2D.Double(eyeX - 2.5, eyeY - 4.8, eyeX + 2.5, eyeY - 4.2));

        double rx = 2.6 * jitter.eyeSize();
        double ry = 1.9 * jitter.eyeSize();
        double pupil = 1.5 * jitter.eyeSize();
        for (double x : new double[] {-eyeX, eyeX}) {
            g.setColor(EYE_WHITE);
            g.fill(new Ellipse2D.Double(x - rx, eyeY - ry, 2 * rx, 2 * ry));
            g.setColor(PUPIL);
            g.fill(new Ellipse2D.Double(x - pupil, eyeY - pupil, 2 * pupil, 2 * pupil));
        }
        if (traits.glasses()) {
            double r = 3.7;
            g.setColor(FRAMES);
            g.setStroke(RIM);
            g.draw(new Ellipse2D.Double(-eyeX - r, eyeY - r, 2 * r, 2 * r));
            g.draw(new Ellipse2D.Double(eyeX - r, eyeY - r, 2 * r, 2 * r));
            g.draw(new Line2D.Double(-eyeX + r, eyeY - 0.5, eyeX - r, eyeY - 0.5));
            g.draw(new Line2D.Double(-eyeX - r, eyeY - 0.5, -w, eyeY - 1.5));
            g.draw(new Line2D.Double(eyeX + r, eyeY - 0.5, w, eyeY - 1.5));
        }

        g.setColor(shade(skinRgb, 0.06 * jitter.skinShade() - 0.2));
        g.fill(new Ellipse2D.Double(-1.5, 3.2, 3, 2));

        double mouthY = 0.52 * h;
        double mouthHalf = 0.36 * w;
        g.setColor(LIPS);
        g.setStroke(MOUTH);
        if (traits.smiling()) {
            Path2D.Double smile = new Path2D.Double();
            smile.moveTo(-mouthHalf, mouthY - 1.5);
            smile.quadTo(0, mouthY + 5.5, mouthHalf, mouthY - 1.5);
            g.draw(smile);
        } else {
            g.draw(new Line2D.Double(-mouthHalf, mouthY + 0.5, mouthHalf, mouthY + 0.5));
        }
    }

    /** Short hair: a cap over the top of the head down to the temples, with a fringe. */
    private static Shape shortCap(double w, double h) {
        Path2D.Double cap = new Path2D.Double();
        double side = w + 1.5;
        cap.moveTo(-side, -1);
        crown(cap, side, h);
        cap.lineTo(w - 1, -1);
        cap.quadTo(0.2 * w, -h, -w + 1, -1);
        cap.closePath();
        return cap;
    }

    /** Long hair, front part: the cap with locks beside the face down to the jaw, over the ears. */
    private static Shape longFront(double w, double h) {
        Path2D.Double front = new Path2D.Double();
        double side = w + 3;
        front.moveTo(-side, 0.65 * h);
        front.lineTo(-side, -1);
        crown(front, side, h);
        front.lineTo(side, 0.65 * h);
        front.lineTo(w - 1.5, 0.65 * h);
        front.lineTo(w - 1, -1);
        front.quadTo(0.2 * w, -h, -w + 1, -1);
        front.lineTo(-w + 1.5, 0.65 * h);
        front.closePath();
        return front;
    }

    /** The top of the head from the left temple to the right one, a little above the face. */
    private static void crown(Path2D.Double path, double side, double h) {
        double top = -h - 3.5;
        path.curveTo(-side, -0.75 * h - 3, -0.6 * side, top, 0, top);
        path.curveTo(0.6 * side, top, side, -0.75 * h - 3, side, -1);
    }

    /** A colour made lighter (positive) or darker (negative) by a fraction of itself. */
    private static Color shade(int rgb, double amount) {
        double f = 1 + amount;
        return new Color(clamp(((rgb >> 16) & 0xFF) * f), clamp(((rgb >> 8) & 0xFF) * f), clamp((rgb & 0xFF) * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
