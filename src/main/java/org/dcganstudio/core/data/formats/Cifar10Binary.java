package org.dcganstudio.core.data.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;

/**
 * CIFAR-10 in its binary version: 32×32 RGB images, each a 3073-byte record of a label byte and
 * the red, green and blue planes, row-major. Read from the unpacked batch files or straight from
 * {@code cifar-10-binary.tar.gz}. The records stay in one array in the files' planar layout (150 MB
 * for the training set); {@link #read} interleaves one image.
 */
public final class Cifar10Binary implements RasterSource {

    /** Which batches to read. */
    public enum Split {
        /** {@code data_batch_1.bin} to {@code data_batch_5.bin}. */
        TRAIN,
        /** {@code test_batch.bin}. */
        TEST,
        /** The training batches, then the test batch. */
        ALL
    }

    static final int SIDE = 32;
    static final int PLANE = SIDE * SIDE;
    static final int RECORD = 1 + 3 * PLANE;

    static final List<String> DEFAULT_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    private static final String TEST_BATCH = "test_batch.bin";
    private static final String META = "batches.meta.txt";
    private static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    /**
     * 100 000 records, 307 MB: ten times a published batch (10 000 records, 30.7 MB). An archive
     * entry's size comes from its tar header, which a damaged or hostile archive sets at will, so
     * each batch is refused above this before it is read.
     */
    static final long MAX_BATCH_BYTES = 100_000L * RECORD;
    /**
     * 1 GiB of records joined in one array: the five training batches are 154 MB, and CIFAR-style
     * sets of this layout stay far below.
     */
    static final long MAX_TOTAL_BYTES = 1L << 30;
    /**
     * The published class list is ten short names, one a line; an archive entry of that name this
     * much larger is not one, and is refused before it is read into memory.
     */
    private static final long MAX_META = 1 << 16;
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final byte[] records;
    private final int count;
    private final ImageAnnotations annotations;

    private Cifar10Binary(String name, byte[] records, List<String> classNames) {
        this.name = name;
        this.records = records;
        this.count = records.length / RECORD;
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = records[i * RECORD] & 0xFF;
        }
        this.annotations = ImageAnnotations.ofClasses(classNames, classes);
    }

    /**
     * Reads the batches of a split.
     *
     * @param path a folder holding the {@code .bin} batches, or holding {@code cifar-10-batches-bin/};
     *     the {@code .tar.gz} (or {@code .tar}) archive as downloaded; or one {@code .bin} batch, which
     *     is then read whatever the split
     * @param split which batches of a folder or archive to read
     * @throws DataException if batches of the split are missing, a batch is not whole records, a
     *     label is out of range, or the archive is damaged; the message names the file
     */
    public static Cifar10Binary open(Path path, Split split) {
        Objects.requireNonNull(split, "split");
        if (Files.isDirectory(path)) {
            return openFolder(path, split);
        }
        FileInput.requireFile(path, "a CIFAR-10 batch or archive");
        try {
            boolean gzip = FileInput.isGzip(path);
            if (gzip || path.getFileName().toString().endsWith(".tar")) {
                return openArchive(path, gzip, split);
            }
            byte[] records = readBatches(List.of(path), path.toString());
            return new Cifar10Binary("cifar-10 (" + path.getFileName() + ")", records, classNamesBeside(path));
        } catch (IOException e) {
            throw FileInput.failure(path, e);
        }
    }

    private static List<String> batches(Split split) {
        List<String> files = new ArrayList<>();
        if (split != Split.TEST) {
            files.addAll(TRAIN_BATCHES);
        }
        if (split != Split.TRAIN) {
            files.add(TEST_BATCH);
        }
        return files;
    }

    private static String describe(Split split) {
        return "cifar-10 (" + split.name().toLowerCase(Locale.ROOT) + ")";
    }

    private static DataException missing(Split split, List<String> files, Path where) {
        return new DataException("the CIFAR-10 " + split.name().toLowerCase(Locale.ROOT) + " split needs "
                + String.join(", ", files) + ", missing in " + where);
    }

    private static Cifar10Binary openFolder(Path dir, Split split) {
        Path nested = dir.resolve(ARCHIVE_FOLDER);
        boolean direct = batches(Split.ALL).stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
        if (!direct && !Files.isDirectory(nested)) {
            throw new DataException("no CIFAR-10 batches (data_batch_1.bin to data_batch_5.bin, test_batch.bin) in "
                    + dir + " or in " + nested);
        }
        Path folder = direct ? dir : nested;
        List<Path> files = batches(split).stream().map(folder::resolve).toList();
        List<String> missing = files.stream().filter(f -> !Files.isRegularFile(f))
                .map(f -> f.getFileName().toString()).toList();
        if (!missing.isEmpty()) {
            throw missing(split, missing, folder);
        }
        try {
            byte[] records = readBatches(files, folder.toString());
            return new Cifar10Binary(describe(split), records, classNamesBeside(files.get(0)));
        } catch (IOException e) {
            throw new DataException("cannot read CIFAR-10 batches in " + folder + ": " + e, e);
        }
    }

    /**
     * Reads the files straight into one array sized from their lengths, checking each as it comes.
     *
     * @param where the file or folder named when they hold no images at all
     */
    private static byte[] readBatches(List<Path> files, String where) throws IOException {
        long[] lengths = new long[files.size()];
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = checkRecords(files.get(i).toString(), Files.size(files.get(i)));
            total += lengths[i];
        }
        byte[] records = allocate(total, where);
        int offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            Path file = files.get(i);
            int length = (int) lengths[i];
            try (InputStream in = Files.newInputStream(file)) {
                int got = in.readNBytes(records, offset, length);
                if (got < length) {
                    throw FileInput.truncated(file, got, length);
                }
            }
            checkLabels(records, offset, length, file.toString());
            offset += length;
        }
        return records;
    }

    /**
     * Streams the archive once, keeping the wanted batches by base name wherever they lie in it.
     * Their sizes are only known once all headers have passed, so they are joined at the end.
     */
    private static Cifar10Binary openArchive(Path archive, boolean gzip, Split split) throws IOException {
        List<String> wanted = batches(split);
        Map<String, byte[]> found = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        List<String> classNames = DEFAULT_CLASSES;
        long kept = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
                InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(file, BUFFER), BUFFER) : file) {
            TarReader tar = new TarReader(in, archive);
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                String base = entry.name().substring(entry.name().lastIndexOf('/') + 1);
                String source = archive + ": " + entry.name();
                if (entry.isFile() && wanted.contains(base) && !found.containsKey(base)) {
                    kept += checkRecords(source, entry.size());
                    if (kept > MAX_TOTAL_BYTES) {
                        throw tooLarge(archive.toString(), kept);
                    }
                    found.put(base, tar.content(MAX_BATCH_BYTES, "a CIFAR-10 batch"));
                    sources.put(base, source);
                } else if (entry.isFile() && base.equals(META)) {
                    String text = new String(tar.content(MAX_META, "a CIFAR-10 class list"), StandardCharsets.UTF_8);
                    classNames = classNames(text, source);
                }
            }
        }
        List<String> missing = wanted.stream().filter(f -> !found.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw missing(split, missing, archive);
        }
        long total = 0;
        for (String f : wanted) {
            total += found.get(f).length;
        }
        byte[] records = allocate(total, archive.toString());
        int offset = 0;
        for (String f : wanted) {
            byte[] batch = found.remove(f);
            System.arraycopy(batch, 0, records, offset, batch.length);
            checkLabels(records, offset, batch.length, sources.get(f));
            offset += batch.length;
        }
        return new Cifar10Binary(describe(split), records, classNames);
    }

    private static long checkRecords(String source, long bytes) {
        if (bytes % RECORD != 0) {
            throw new DataException(source + " is " + bytes + " bytes, not a whole number of " + RECORD
                    + "-byte CIFAR-10 records");
        }
        return bytes;
    }

    private static byte[] allocate(long bytes, String where) {
        if (bytes == 0) {
            throw new DataException(where + " holds no CIFAR-10 images");
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw tooLarge(where, bytes);
        }
        return new byte[(int) bytes];
    }

    private static DataException tooLarge(String where, long bytes) {
        return new DataException(where + " holds " + bytes / RECORD + " CIFAR-10 images, " + bytes
                + " bytes, above the limit of " + MAX_TOTAL_BYTES);
    }

    private static void checkLabels(byte[] records, int offset, int length, String source) {
        for (int r = 0; r < length / RECORD; r++) {
            int label = records[offset + r * RECORD] & 0xFF;
            if (label >= DEFAULT_CLASSES.size()) {
                throw new DataException(source + ": record " + r + " has label " + label
                        + ", CIFAR-10 labels are 0 to 9");
            }
        }
    }

    private static List<String> classNamesBeside(Path batch) throws IOException {
        Path meta = batch.resolveSibling(META);
        return Files.isRegularFile(meta)
                ? classNames(Files.readString(meta, StandardCharsets.UTF_8), meta.toString())
                : DEFAULT_CLASSES;
    }

    /** One name a line; the published file ends in blank lines. */
    private static List<String> classNames(String text, String source) {
        List<String> names = text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.size() != DEFAULT_CLASSES.size()) {
            throw new DataException(source + " lists " + names.size() + " class names, CIFAR-10 has "
                    + DEFAULT_CLASSES.size());
        }
        return names;
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
        int red = index * RECORD + 1;
        byte[] rgb = new byte[3 * PLANE];
        for (int p = 0; p < PLANE; p++) {
            rgb[3 * p] = records[red + p];
            rgb[3 * p + 1] = records[red + PLANE + p];
            rgb[3 * p + 2] = records[red + 2 * PLANE + p];
        }
        return new Raster(SIDE, SIDE, 3, rgb);
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
