package org.dcganstudio.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** Reads an animated GIF back through the JDK's GIF reader, as a player would see it. */
public final class GifFiles {

    /**
     * @param frames each frame's RGB pixels
     * @param delays each frame's delay in hundredths of a second
     * @param loop the NETSCAPE2.0 sub-block (1, count low, count high), or null without one
     * @param loopExtensions how many NETSCAPE2.0 extensions the file holds (a player wants one)
     * @param global whether the file has a global colour table
     * @param local per frame, whether it carries its own colour table
     */
    public record Decoded(List<int[]> frames, int width, int height, List<Integer> delays, byte[] loop,
            int loopExtensions, boolean global, List<Boolean> local) {}

    private GifFiles() {}

    /** Decodes every frame and its metadata. */
    public static Decoded read(Path gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            boolean global = find((IIOMetadataNode) reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0"),
                    "GlobalColorTable") != null;
            List<Boolean> local = new ArrayList<>();
            int loops = 0;
            List<int[]> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            byte[] loop = null;
            int w = 0;
            int h = 0;
            for (int i = 0; i < n; i++) {
                BufferedImage img = reader.read(i);
                w = img.getWidth();
                h = img.getHeight();
                int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
                for (int p = 0; p < rgb.length; p++) {
                    rgb[p] &= 0xFFFFFF;
                }
                frames.add(rgb);
                IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = find(meta, "GraphicControlExtension");
                delays.add(control == null ? -1 : Integer.parseInt(control.getAttribute("delayTime")));
                local.add(find(meta, "LocalColorTable") != null);
                IIOMetadataNode app = find(meta, "ApplicationExtension");
                if (app != null && "NETSCAPE".equals(app.getAttribute("applicationID"))
                        && "2.0".equals(app.getAttribute("authenticationCode"))) {
                    loop = (byte[]) app.getUserObject();
                    loops++;
                }
            }
            return new Decoded(frames, w, h, delays, loop, loops, global, local);
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
