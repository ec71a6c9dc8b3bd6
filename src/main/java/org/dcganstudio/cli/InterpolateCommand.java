package org.dcganstudio.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcganstudio.core.export.AnimatedGif;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code interpolate}: a walk through latent space between anchor vectors, as the paper's Figure 4. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Walk G's latent space from one vector to another (through --via anchors in order) and "
                + "write the images, the path's latents, a one-row PNG strip and/or an animated GIF.",
            "Each of --from, --to and --via is a .npy holding ONE latent vector, (1, nz) or (1, nz, 1, 1). "
                + "Frame 0 is exactly --from and the last frame exactly --to; with k segments, "
                + "--frames m·k+1 puts every --via anchor on a frame."})
final class InterpolateCommand implements Callable<Integer> {

    @Mixin
    InferenceOptions run;

    @Option(names = "--from", required = true, paramLabel = "A.npy", description = "where the walk starts")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "B.npy", description = "where the walk ends")
    Path to;

    @Option(names = "--via", paramLabel = "C.npy", description = "an anchor to pass through; repeat for more, in order")
    List<Path> via = new ArrayList<>();

    @Option(names = "--frames", defaultValue = "17", paramLabel = "N",
            description = "images along the walk, at least 2 (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--mode", defaultValue = "lerp", paramLabel = "lerp|slerp",
            description = "lerp (straight line, as the paper) or slerp (great circle, which keeps a normal prior's "
                    + "norm) (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--npy-out", paramLabel = "FRAMES.npy",
            description = "write images (N, C, S, S) float32 in [-1, 1]")
    Path npyOut;

    @Option(names = "--latents-out", paramLabel = "PATH.npy", description = "write the path's latents (N, nz, 1, 1)")
    Path latentsOut;

    @Option(names = "--png-out", paramLabel = "STRIP.png", description = "write the frames as one row")
    Path pngOut;

    @Option(names = "--gif-out", paramLabel = "WALK.gif", description = "write an animated GIF of the walk, looping")
    Path gifOut;

    @Option(names = "--delay", defaultValue = "100", paramLabel = "MS",
            description = "GIF: time per frame in ms, 10 ms steps (default ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--scale", defaultValue = "2", paramLabel = "S",
            description = "GIF: integer pixel scale, 1 to 16 (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--dither", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "GIF: Floyd–Steinberg dithering against banding (default on; --no-dither maps each pixel "
                    + "to its nearest palette colour)")
    boolean dither;

    @Override
    public Integer call() throws Exception {
        Checkpoint ckpt = run.requireCheckpoint();
        if (npyOut == null && latentsOut == null && pngOut == null && gifOut == null) {
            throw new IllegalArgumentException("nothing to write: give --npy-out, --latents-out, --png-out and/or "
                    + "--gif-out");
        }
        if (frames < 2) {
            throw new IllegalArgumentException("--frames must be at least 2, got " + frames);
        }
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--scale must be in [1, 16], got " + scale);
        }
        AnimatedGif.Settings gif = new AnimatedGif.Settings(GifCommand.checkDelay(delayMs), 0, dither);
        Interpolation interpolation = Interpolation.parse(mode);
        ModelConfig config = ckpt.config().model();
        CountLimits.requireImagesFit("--frames", frames, config);
        List<float[]> anchors = new ArrayList<>();
        anchors.add(LatentFiles.readOne(from, config.nz()));
        for (Path v : via) {
            anchors.add(LatentFiles.readOne(v, config.nz()));
        }
        anchors.add(LatentFiles.readOne(to, config.nz()));
        List<float[]> path = Arrays.asList(interpolation.path(anchors, frames));

        float[] images = run.generate(ckpt, path);
        int c = config.channels();
        int s = config.imageSize();
        InferenceOptions.writeLatentsAndImages(latentsOut, npyOut, path, images, config, "");
        if (pngOut != null) {
            ImageGrid.writePng(pngOut, images, frames, c, s, frames);
            System.out.println("wrote " + pngOut);
        }
        if (gifOut != null) {
            int length = c * s * s;
            List<BufferedImage> pictures = new ArrayList<>(frames);
            for (int f = 0; f < frames; f++) {
                float[] one = Arrays.copyOfRange(images, f * length, (f + 1) * length);
                BufferedImage framed = ImageGrid.render(one, 1, c, s, 1, scale);
                // A grid's border separates tiles; a single animated picture has nothing to separate.
                pictures.add(framed.getSubimage(ImageGrid.PADDING, ImageGrid.PADDING, s * scale, s * scale));
            }
            AnimatedGif.write(gifOut, pictures, gif, AnimatedGif.Progress.NONE);
            System.out.println("wrote " + gifOut + " (" + frames + " frames, " + s * scale + "×" + s * scale + ")");
        }
        return 0;
    }
}
