package org.dcganstudio.core.data.faces;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;

/**
 * Writes faces (or any labelled raster source) as a folder of PNGs, {@code 000000.png} onwards,
 * with {@value #ATTRIBUTES_CSV} beside them: header {@code file,<attribute>...}, then one row per
 * image with level names, e.g. {@code 000000.png,yes,no,no,brown,tone3,sky}. That is the layout
 * the image-folder reader takes, so an export can be trained on, inspected or shared like a real
 * data set. The folder appears whole or not at all: everything is written to a hidden sibling
 * first and renamed when complete.
 */
public final class FaceExport {

    /** Name of the label file inside an exported folder. */
    public static final String ATTRIBUTES_CSV = "attributes.csv";

    private FaceExport() {
    }

    /**
     * Exports the first {@code count} images of {@code source} into {@code folder}.
     *
     * @param count how many images, 1 to {@code source.size()}
     * @param folder the folder to create; it must not exist or be empty
     * @param progress told the number of images written so far, after each image
     * @throws FileAlreadyExistsException if {@code folder} exists and is not an empty folder
     * @throws InterruptedException if the thread is interrupted; then nothing is left behind
     */
    public static void write(RasterSource source, int count, Path folder, LongConsumer progress)
            throws IOException, InterruptedException {
        if (count < 1 || count > source.size()) {
            throw new IllegalArgumentException("export count must be in [1, " + source.size() + "], got " + count);
        }
        ImageAnnotations annotations = source.annotations();
        List<Attribute> attributes = annotations.attributes();
        checkCsvSafe(attributes);
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is not an empty folder");
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            int digits = Math.max(6, Integer.toString(count - 1).length());
            try (BufferedWriter csv = Files.newBufferedWriter(partial.resolve(ATTRIBUTES_CSV),
                    StandardCharsets.UTF_8)) {
                csv.write("file");
                for (Attribute attribute : attributes) {
                    csv.write("," + attribute.name());
                }
                csv.write("\n");
                for (int i = 0; i < count; i++) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("export to " + target + " cancelled after " + i + " images");
                    }
                    String file = String.format("%0" + digits + "d.png", i);
                    writePng(source.read(i), partial.resolve(file));
                    csv.write(file);
                    for (int a = 0; a < attributes.size(); a++) {
                        csv.write("," + attributes.get(a).levels().get(annotations.value(i, a)));
                    }
                    csv.write("\n");
                    progress.accept(i + 1);
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
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** Level names go into the CSV unquoted, so they must not need quoting. */
    private static void checkCsvSafe(List<Attribute> attributes) {
        for (Attribute attribute : attributes) {
            for (String level : attribute.levels()) {
                if (level.isEmpty() || level.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
                    throw new IllegalArgumentException("attribute " + attribute.name() + " has level '" + level
                            + "', which cannot be written to a CSV without quoting");
                }
            }
        }
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
