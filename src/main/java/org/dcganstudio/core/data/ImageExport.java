package org.dcganstudio.core.data;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.core.math.Rng;

/**
 * Writes images of any labelled {@link RasterSource} as a folder of PNGs, {@code 000000.png}
 * onwards, at their decoded size, with a CSV of their labels beside them: header {@code file},
 * then {@value #CLASS_COLUMN} when the source has classes, then one column per attribute; one row
 * per image with class and level names, e.g. {@code 000000.png,yes,no,no,brown,tone3,sky}. Named
 * {@value #ATTRIBUTES_CSV}, that is the layout the image-folder reader takes, so an export can be
 * trained on, inspected or shared like a real data set. The folder appears whole or not at all:
 * everything is written to a hidden sibling first and renamed when complete.
 */
public final class ImageExport {

    /** Label file name that the image-folder reader picks up as attributes. */
    public static final String ATTRIBUTES_CSV = "attributes.csv";

    /** Label file name of {@code dataset export}, which carries classes as well as attributes. */
    public static final String LABELS_CSV = "labels.csv";

    /** Header of the class column. */
    public static final String CLASS_COLUMN = "label";

    /** Stream id for {@link Rng#derive}: which images a sample takes. */
    static final long SAMPLE_STREAM = 57;

    private ImageExport() {
    }

    /**
     * Exports the first {@code count} images of {@code source}.
     *
     * @param count how many images, 1 to {@code source.size()}
     * @see #write(RasterSource, int[], Path, String, LongConsumer)
     */
    public static void writeFirst(RasterSource source, int count, Path folder, String csvName, LongConsumer progress)
            throws IOException, InterruptedException {
        if (count < 1 || count > source.size()) {
            throw new IllegalArgumentException("export count must be in [1, " + source.size() + "], got " + count);
        }
        write(source, IntStream.range(0, count).toArray(), folder, csvName, progress);
    }

    /**
     * Exports images {@code indices} of {@code source}, in that order, as {@code 000000.png} onwards.
     *
     * @param folder the folder to create; it must not exist or be empty
     * @param csvName the label file's name, e.g. {@value #ATTRIBUTES_CSV} or {@value #LABELS_CSV}
     * @param progress told the number of images written so far, after each image
     * @throws FileAlreadyExistsException if {@code folder} exists and is not an empty folder
     * @throws IllegalArgumentException if an index is outside the source or a label needs CSV quoting
     * @throws InterruptedException if the thread is interrupted; then nothing is left behind
     */
    public static void write(RasterSource source, int[] indices, Path folder, String csvName, LongConsumer progress)
            throws IOException, InterruptedException {
        if (indices.length == 0) {
            throw new IllegalArgumentException("nothing to export: no images chosen from " + source.name());
        }
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IllegalArgumentException("image " + i + " is not in " + source.name() + " (" + source.size()
                        + " images)");
            }
        }
        ImageAnnotations annotations = source.annotations();
        List<Attribute> attributes = annotations.attributes();
        checkCsvSafe(annotations);
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is not an empty folder");
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            int digits = Math.max(6, Integer.toString(indices.length - 1).length());
            try (BufferedWriter csv = Files.newBufferedWriter(partial.resolve(csvName), StandardCharsets.UTF_8)) {
                csv.write(String.join(",", header(annotations)));
                csv.write("\n");
                for (int n = 0; n < indices.length; n++) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("export to " + target + " cancelled after " + n + " images");
                    }
                    int i = indices[n];
                    String file = String.format("%0" + digits + "d.png", n);
                    writePng(source.read(i), partial.resolve(file));
                    csv.write(file);
                    if (annotations.hasClasses()) {
                        csv.write("," + annotations.classNames().get(annotations.classOf(i)));
                    }
                    for (int a = 0; a < attributes.size(); a++) {
                        csv.write("," + attributes.get(a).levels().get(annotations.value(i, a)));
                    }
                    csv.write("\n");
                    progress.accept(n + 1);
                }
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (ClosedByInterruptException e) {
            // The label file's channel closes itself when the thread is interrupted mid-write.
            Thread.interrupted();
            InterruptedException cancelled = new InterruptedException("export to " + target + " cancelled");
            deleteQuietly(partial, cancelled);
            throw cancelled;
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteQuietly(partial, e);
            throw e;
        }
    }

    /**
     * The CSV header: {@code file}, {@value #CLASS_COLUMN} when there are classes, the attributes.
     * An attribute already named {@value #CLASS_COLUMN} pushes the class column to {@code class}.
     */
    public static List<String> header(ImageAnnotations annotations) {
        List<String> header = new ArrayList<>();
        header.add("file");
        if (annotations.hasClasses()) {
            header.add(annotations.attributeIndex(CLASS_COLUMN) >= 0 ? "class" : CLASS_COLUMN);
        }
        annotations.attributes().forEach(a -> header.add(a.name()));
        return header;
    }

    /**
     * A seeded random sample of {@code count} distinct image indices out of {@code size}, in
     * increasing order (so an export follows the source's order); all of them when
     * {@code count >= size}.
     */
    public static int[] sample(int size, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("export count must be at least 1, got " + count);
        }
        if (count >= size) {
            return IntStream.range(0, size).toArray();
        }
        int[] chosen = Arrays.copyOf(Rng.derive(seed, SAMPLE_STREAM, 0).permutation(size), count);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * A data set that is only drawn at a model's size (the procedural shapes and colours) as a
     * raster source, its values in [-1, 1] mapped back to 8 bits, so it exports like any other.
     */
    public static RasterSource rasters(ImageDataset data) {
        return new RasterSource() {
            @Override
            public String name() {
                return data.name();
            }

            @Override
            public int size() {
                return data.size();
            }

            @Override
            public Raster read(int index) {
                int s = data.imageSize();
                int c = data.channels();
                int plane = s * s;
                float[] chw = new float[c * plane];
                data.copyImage(index, chw, 0);
                byte[] hwc = new byte[chw.length];
                for (int p = 0; p < plane; p++) {
                    for (int ch = 0; ch < c; ch++) {
                        float v = Math.max(-1f, Math.min(1f, chw[ch * plane + p]));
                        hwc[p * c + ch] = (byte) Math.round((v + 1f) * 127.5f);
                    }
                }
                return new Raster(s, s, c, hwc);
            }

            @Override
            public ImageAnnotations annotations() {
                return data.annotations();
            }
        };
    }

    private static void writePng(Raster raster, Path file) throws IOException {
        int w = raster.width();
        int h = raster.height();
        byte[] px = raster.pixels();
        BufferedImage image;
        if (raster.channels() == 1) {
            image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, w, h, px);
        } else {
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[w * h];
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = (px[3 * p] & 0xFF) << 16 | (px[3 * p + 1] & 0xFF) << 8 | px[3 * p + 2] & 0xFF;
            }
            image.setRGB(0, 0, w, h, rgb, 0, w);
        }
        boolean written;
        try {
            written = ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            // ImageIO's message ("I/O error writing PNG file!") names no file.
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (!written) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** Names go into the CSV unquoted, as the image-folder reader splits on commas, so none may need quoting. */
    private static void checkCsvSafe(ImageAnnotations annotations) {
        for (String name : annotations.classNames()) {
            if (needsQuoting(name)) {
                throw new IllegalArgumentException("class '" + name + "' cannot be written to a CSV without quoting");
            }
        }
        for (Attribute attribute : annotations.attributes()) {
            for (String level : attribute.levels()) {
                if (needsQuoting(level)) {
                    throw new IllegalArgumentException("attribute " + attribute.name() + " has level '" + level
                            + "', which cannot be written to a CSV without quoting");
                }
            }
        }
    }

    private static boolean needsQuoting(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    }

    private static boolean isEmptyFolder(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Removes a partial export; a failure to do so is added to the error that ended the export. */
    private static void deleteQuietly(Path root, Exception cause) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
