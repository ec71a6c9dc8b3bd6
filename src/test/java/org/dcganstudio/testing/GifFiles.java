package org.dcganstudio.testing;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads an animated GIF back through the JDK's GIF reader, as a player would see it: each stored
 * image is drawn at its offset over what the frames before left on the canvas (its transparent
 * pixels show what was there), then disposed of as its graphic control extension says.
 */
public final class GifFiles {

    /**
     * @param frames each frame's RGB pixels as displayed, {@code width·height}, row-major
     * @param width the logical screen's width
     * @param height the logical screen's height
     * @param delays each frame's delay in hundredths of a second
     * @param loop the NETSCAPE2.0 sub-block (1, count low, count high), or null without one
     * @param loopExtensions how many NETSCAPE2.0 extensions the file holds (a player wants one)
     * @param global whether the file has a global colour table
     * @param local per frame, whether it carries its own colour table
     * @param stored per frame, the image as stored in the file
     */
    public record Decoded(List<int[]> frames, int width, int height, List<Integer> delays, byte[] loop,
            int loopExtensions, boolean global, List<Boolean> local, List<Stored> stored) {}

    /**
     * One image as the file holds it.
     *
     * @param left offset from the canvas's left edge
     * @param top offset from the canvas's top edge
     * @param width image width
     * @param height image height
     * @param disposal the graphic control extension's disposal method, or null without one
     * @param transparentIndex the palette index drawn as "leave the canvas as it is", or -1
     * @param indices the image's palette indices, row-major
     */
    public record Stored(int left, int top, int width, int height, String disposal, int transparentIndex,
            int[] indices) {}

    private GifFiles() {}

    /** Decodes every frame and its metadata. */
    public static Decoded read(Path gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            IIOMetadataNode stream = (IIOMetadataNode) reader.getStreamMetadata()
                    .getAsTree("javax_imageio_gif_stream_1.0");
            boolean global = find(stream, "GlobalColorTable") != null;
            IIOMetadataNode screen = find(stream, "LogicalScreenDescriptor");
            int w = Integer.parseInt(screen.getAttribute("logicalScreenWidth"));
            int h = Integer.parseInt(screen.getAttribute("logicalScreenHeight"));
            int[] canvas = new int[w * h];
            List<Boolean> local = new ArrayList<>();
            List<Stored> stored = new ArrayList<>();
            int loops = 0;
            List<int[]> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            byte[] loop = null;
            for (int i = 0; i < n; i++) {
                BufferedImage img = reader.read(i);
                IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode descriptor = find(meta, "ImageDescriptor");
                IIOMetadataNode control = find(meta, "GraphicControlExtension");
                delays.add(control == null ? -1 : Integer.parseInt(control.getAttribute("delayTime")));
                local.add(find(meta, "LocalColorTable") != null);
                IIOMetadataNode app = find(meta, "ApplicationExtension");
                if (app != null && "NETSCAPE".equals(app.getAttribute("applicationID"))
                        && "2.0".equals(app.getAttribute("authenticationCode"))) {
                    loop = (byte[]) app.getUserObject();
                    loops++;
                }
                int transparent = control != null && "TRUE".equals(control.getAttribute("transparentColorFlag"))
                        ? Integer.parseInt(control.getAttribute("transparentColorIndex")) : -1;
                Raster raster = img.getRaster();
                int[] indices = raster.getSamples(0, 0, img.getWidth(), img.getHeight(), 0,
                        new int[img.getWidth() * img.getHeight()]);
                Stored s = new Stored(Integer.parseInt(descriptor.getAttribute("imageLeftPosition")),
                        Integer.parseInt(descriptor.getAttribute("imageTopPosition")), img.getWidth(),
                        img.getHeight(), control == null ? null : control.getAttribute("disposalMethod"), transparent,
                        indices);
                stored.add(s);
                int[] before = canvas.clone();
                IndexColorModel colours = (IndexColorModel) img.getColorModel();
                for (int y = 0; y < s.height(); y++) {
                    for (int x = 0; x < s.width(); x++) {
                        int index = indices[y * s.width() + x];
                        int cx = s.left() + x;
                        int cy = s.top() + y;
                        if (index != transparent && cx < w && cy < h) {
                            canvas[cy * w + cx] = colours.getRGB(index) & 0xFFFFFF;
                        }
                    }
                }
                frames.add(canvas.clone());
                if ("restoreToBackgroundColor".equals(s.disposal())) {
                    for (int y = s.top(); y < Math.min(h, s.top() + s.height()); y++) {
                        for (int x = s.left(); x < Math.min(w, s.left() + s.width()); x++) {
                            canvas[y * w + x] = 0;
                        }
                    }
                } else if ("restoreToPrevious".equals(s.disposal())) {
                    canvas = before;
                }
            }
            return new Decoded(frames, w, h, delays, loop, loops, global, local, stored);
        } finally {
            reader.dispose();
        }
    }

    private static IIOMetadataNode find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return (IIOMetadataNode) node;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            IIOMetadataNode found = find(c, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
