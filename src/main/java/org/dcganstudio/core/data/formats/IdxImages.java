package org.dcganstudio.core.data.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;

/**
 * MNIST-style images: an idx3 file of unsigned 8-bit greyscale images (MNIST, Fashion-MNIST,
 * KMNIST, EMNIST), with the class labels of the idx1 file beside it when there is one. Either file
 * may be gzipped. All pixels live in one array, 47 MB for Fashion-MNIST's training set, so a read
 * is a copy from memory.
 */
public final class IdxImages implements RasterSource {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    /**
     * 1 GiB of pixels: EMNIST ByClass, the largest idx set in circulation, holds 547 MB; a header
     * declaring more is damage, and a gzipped file's real length is only known once read.
     */
    static final long MAX_PIXEL_BYTES = 1L << 30;

    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int DIGITS = 10;

    /** The part where an images file name differs from its labels file, in both spellings in circulation. */
    private static final Pattern IMAGES_PART = Pattern.compile("images([-.])idx3-ubyte");

    private final String name;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final ImageAnnotations annotations;

    private IdxImages(String name, int count, int rows, int cols, byte[] pixels, ImageAnnotations annotations) {
        this.name = name;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.annotations = annotations;
    }

    /**
     * Reads an idx3 images file and, when it lies beside it under the matching name
     * ({@code train-labels-idx1-ubyte} for {@code train-images-idx3-ubyte}, with or without
     * {@code .gz}), its labels file.
     *
     * @throws DataException if a file is missing, not in idx format, truncated, or the counts differ
     */
    public static IdxImages open(Path imagesFile) {
        FileInput.requireFile(imagesFile, "an idx3 images file");
        return read(imagesFile, labelsBeside(imagesFile));
    }

    /**
     * Reads an idx3 images file with the idx1 labels file that belongs to it.
     *
     * @throws DataException if a file is missing, not in idx format, truncated, or the counts differ
     */
    public static IdxImages open(Path imagesFile, Path labelsFile) {
        FileInput.requireFile(imagesFile, "an idx3 images file");
        FileInput.requireFile(labelsFile, "an idx1 labels file");
        return read(imagesFile, labelsFile);
    }

    /**
     * Reads the training or test images of a folder as distributed ({@code train-images-idx3-ubyte}
     * or {@code t10k-images-idx3-ubyte}, gzipped or not) with their labels. An unpacked copy is
     * preferred to the {@code .gz} beside it: same data, faster to read.
     *
     * @throws DataException if the folder holds no such file or it cannot be read
     */
    public static IdxImages openFolder(Path dir, boolean train) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder");
        }
        String prefix = train ? "train" : "t10k";
        for (String file : List.of(prefix + "-images-idx3-ubyte", prefix + "-images.idx3-ubyte")) {
            for (String suffix : List.of("", ".gz")) {
                Path candidate = dir.resolve(file + suffix);
                if (Files.isRegularFile(candidate)) {
                    return open(candidate);
                }
            }
        }
        throw new DataException("no " + prefix + "-images-idx3-ubyte (or .gz) in " + dir);
    }

    /** The labels file named like {@code imagesFile}, or null when there is none. */
    private static Path labelsBeside(Path imagesFile) {
        String file = imagesFile.getFileName().toString();
        boolean gz = file.endsWith(".gz");
        Matcher m = IMAGES_PART.matcher(gz ? file.substring(0, file.length() - 3) : file);
        if (!m.find()) {
            return null;
        }
        String labels = m.replaceFirst("labels$1idx1-ubyte");
        for (String candidate : gz ? List.of(labels + ".gz", labels) : List.of(labels, labels + ".gz")) {
            Path path = imagesFile.resolveSibling(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    private static IdxImages read(Path imagesFile, Path labelsFile) {
        int count;
        int rows;
        int cols;
        byte[] pixels;
        try (InputStream in = FileInput.open(imagesFile)) {
            checkMagic(in, imagesFile, IMAGES_MAGIC, "idx3 images");
            ByteBuffer header = ByteBuffer.wrap(FileInput.readFully(in, imagesFile, 4, IMAGES_HEADER - 4));
            count = header.getInt();
            rows = header.getInt();
            cols = header.getInt();
            if (count == 0) {
                throw new DataException(imagesFile + " holds no images");
            }
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataException(imagesFile + " has a damaged header: " + count + " images of " + rows + "×"
                        + cols);
            }
            // compared per image: count × rows × cols of three ints can pass 2^63 and wrap to a small size
            long imageBytes = (long) rows * cols;
            if (imageBytes > MAX_PIXEL_BYTES / count) {
                throw new DataException(imagesFile + " declares " + count + " images of " + rows + "×" + cols
                        + " pixels, " + java.math.BigInteger.valueOf(count).multiply(java.math.BigInteger.valueOf(imageBytes))
                        + " bytes, above the limit of " + MAX_PIXEL_BYTES);
            }
            long bytes = count * imageBytes;
            FileInput.requireLength(imagesFile, IMAGES_HEADER + bytes);
            pixels = FileInput.readDeclared(in, imagesFile, IMAGES_HEADER, (int) bytes);
            FileInput.requireEnd(in, imagesFile, IMAGES_HEADER + bytes);
        } catch (IOException e) {
            throw FileInput.failure(imagesFile, e);
        }
        ImageAnnotations annotations = labelsFile == null
                ? ImageAnnotations.NONE
                : readLabels(labelsFile, imagesFile, count);
        return new IdxImages(describe(imagesFile), count, rows, cols, pixels, annotations);
    }

    private static ImageAnnotations readLabels(Path labelsFile, Path imagesFile, int imageCount) {
        byte[] labels;
        try (InputStream in = FileInput.open(labelsFile)) {
            checkMagic(in, labelsFile, LABELS_MAGIC, "idx1 labels");
            int count = ByteBuffer.wrap(FileInput.readFully(in, labelsFile, 4, LABELS_HEADER - 4)).getInt();
            if (count != imageCount) {
                throw new DataException(labelsFile + " holds " + count + " labels but " + imagesFile + " holds "
                        + imageCount + " images");
            }
            FileInput.requireLength(labelsFile, LABELS_HEADER + (long) count);
            labels = FileInput.readDeclared(in, labelsFile, LABELS_HEADER, count);
            FileInput.requireEnd(in, labelsFile, LABELS_HEADER + (long) count);
        } catch (IOException e) {
            throw FileInput.failure(labelsFile, e);
        }
        int[] classes = new int[labels.length];
        int max = 0;
        for (int i = 0; i < labels.length; i++) {
            classes[i] = labels[i] & 0xFF;
            max = Math.max(max, classes[i]);
        }
        return ImageAnnotations.ofClasses(classNames(imagesFile, max), classes);
    }

    /**
     * Fashion-MNIST and MNIST share the file names, so only the path tells them apart. Labels
     * beyond the known names (EMNIST letters, a relabelled set) are named by their number.
     */
    private static List<String> classNames(Path imagesFile, int maxLabel) {
        List<String> names = new ArrayList<>();
        if (imagesFile.toAbsolutePath().toString().toLowerCase(Locale.ROOT).contains("fashion")) {
            names.addAll(FASHION_CLASSES);
        }
        for (int c = names.size(); c < DIGITS || c <= maxLabel; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /** Checked before the rest of the header so that a file of another kind is named as such, however short. */
    private static void checkMagic(InputStream in, Path file, int expected, String what) throws IOException {
        int magic = ByteBuffer.wrap(FileInput.readFully(in, file, 0, 4)).getInt();
        if (magic != expected) {
            throw new DataException(String.format("%s is not an %s file: magic 0x%08x (expected 0x%08x)", file,
                    what, magic, expected));
        }
    }

    /** E.g. {@code fashion-mnist (train)}: the folder names the data set, the file the split. */
    private static String describe(Path imagesFile) {
        Path absolute = imagesFile.toAbsolutePath();
        String file = absolute.getFileName().toString();
        Path parent = absolute.getParent();
        String set = parent == null || parent.getFileName() == null ? "idx" : parent.getFileName().toString();
        Matcher m = IMAGES_PART.matcher(file);
        String split = m.find() && m.start() > 1 ? file.substring(0, m.start() - 1) : file;
        return set + " (" + (split.equals("t10k") ? "test" : split) + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Raster read(int index) {
        Objects.checkIndex(index, count);
        int n = rows * cols;
        return new Raster(cols, rows, 1, Arrays.copyOfRange(pixels, index * n, index * n + n));
    }

    @Override
    public ImageAnnotations annotations() {
        return annotations;
    }

    @Override
    public boolean inMemory() {
        return true;
    }
}
