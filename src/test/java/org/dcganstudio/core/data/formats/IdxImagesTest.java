package org.dcganstudio.core.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {

    private static final int COUNT = 5;
    private static final int ROWS = 3;
    private static final int COLS = 4;

    @TempDir
    Path dir;

    @Test
    void readsEveryPixelExactly() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        IdxImages data = IdxImages.open(images);
        assertEquals(COUNT, data.size());
        assertTrue(data.inMemory());
        for (int i = 0; i < COUNT; i++) {
            Raster r = data.read(i);
            assertEquals(COLS, r.width());
            assertEquals(ROWS, r.height());
            assertEquals(1, r.channels());
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    assertEquals(pixel(i, y, x), r.sample(x, y, 0), "image " + i + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void readReturnsACopy() throws IOException {
        IdxImages data = IdxImages.open(writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false));
        Arrays.fill(data.read(2).pixels(), (byte) 0);
        assertEquals(pixel(2, 0, 1), data.read(2).sample(1, 0, 0));
    }

    @Test
    void gzipIsRecognisedByContentNotByName() throws IOException {
        Path plain = writeImages(dir.resolve("plain-images-idx3-ubyte"), COUNT, false);
        Path gzippedWithoutSuffix = writeImages(dir.resolve("zipped-images-idx3-ubyte"), COUNT, true);
        assertArrayEquals(IdxImages.open(plain).read(4).pixels(),
                IdxImages.open(gzippedWithoutSuffix).read(4).pixels());
    }

    @Test
    void labelsBesideTheImagesBecomeClasses() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), new int[] {3, 0, 9, 1, 3}, false);
        ImageAnnotations annotations = IdxImages.open(images).annotations();
        assertTrue(annotations.hasClasses());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), annotations.classNames());
        assertEquals(9, annotations.classOf(2));
        assertEquals(3, annotations.classOf(4));
    }

    @Test
    void labelsAreFoundWhateverTheirCompression() throws IOException {
        Path images = writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), COUNT, true);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {1, 2, 3, 4, 5}, false);
        assertEquals(5, IdxImages.open(images).annotations().classOf(4));

        Path dotted = writeImages(dir.resolve("emnist-images.idx3-ubyte"), COUNT, false);
        writeLabels(dir.resolve("emnist-labels.idx1-ubyte.gz"), new int[] {5, 4, 3, 2, 1}, true);
        assertEquals(1, IdxImages.open(dotted).annotations().classOf(4));
    }

    @Test
    void imagesWithoutLabelsFileHaveNoClasses() throws IOException {
        IdxImages data = IdxImages.open(writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false));
        assertFalse(data.annotations().hasClasses());
    }

    @Test
    void fashionInThePathNamesTheClothes() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("Fashion-MNIST"));
        Path images = writeImages(folder.resolve("train-images-idx3-ubyte"), COUNT, false);
        writeLabels(folder.resolve("train-labels-idx1-ubyte"), new int[] {0, 9, 1, 2, 3}, false);
        IdxImages data = IdxImages.open(images);
        assertEquals("Fashion-MNIST (train)", data.name());
        List<String> names = data.annotations().classNames();
        assertEquals(10, names.size());
        assertEquals("T-shirt/top", names.get(0));
        assertEquals("Ankle boot", names.get(data.annotations().classOf(1)));
    }

    @Test
    void labelsBeyondTheKnownNamesAreNamedByNumber() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("fashion-extra"));
        Path images = writeImages(folder.resolve("train-images-idx3-ubyte"), COUNT, false);
        writeLabels(folder.resolve("train-labels-idx1-ubyte"), new int[] {0, 12, 255, 2, 3}, false);
        ImageAnnotations annotations = IdxImages.open(images).annotations();
        assertEquals(256, annotations.classNames().size());
        assertEquals("Ankle boot", annotations.classNames().get(9));
        assertEquals("12", annotations.classNames().get(annotations.classOf(1)));
        assertEquals(255, annotations.classOf(2));
    }

    @Test
    void anExplicitPairNeedNotFollowTheNaming() throws IOException {
        Path images = writeImages(dir.resolve("pictures.bin"), COUNT, false);
        Path labels = writeLabels(dir.resolve("tags.bin"), new int[] {4, 4, 4, 4, 7}, false);
        IdxImages data = IdxImages.open(images, labels);
        assertEquals(7, data.annotations().classOf(4));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), data.annotations().classNames());
    }

    @Test
    void folderOpensTrainOrTestSplit() throws IOException {
        writeImages(dir.resolve("train-images-idx3-ubyte.gz"), COUNT, true);
        writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), 2, true);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {6, 8}, true);
        assertEquals(COUNT, IdxImages.openFolder(dir, true).size());
        IdxImages test = IdxImages.openFolder(dir, false);
        assertEquals(2, test.size());
        assertEquals(8, test.annotations().classOf(1));
        assertTrue(test.name().endsWith("(test)"), test.name());
    }

    @Test
    void folderWithoutTheSplitSaysWhatItLookedFor() throws IOException {
        writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        DataException e = assertThrows(DataException.class, () -> IdxImages.openFolder(dir, false));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("train-images-idx3-ubyte");
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(missing));
        assertEquals(missing + " does not exist", e.getMessage());
    }

    @Test
    void truncatedIdxFileNamesTheFile() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(whole, whole.length - 7));
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " ends after " + (whole.length - 7) + " of " + whole.length + " bytes", e.getMessage());
    }

    @Test
    void truncatedGzippedIdxFileNamesTheFile() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] content = idx3(COUNT);
        gzip(images, Arrays.copyOf(content, content.length - ROWS * COLS));
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertTrue(e.getMessage().startsWith(images + " ends after"), e.getMessage());

        byte[] zipped = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(zipped, zipped.length / 2));
        e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    }

    @Test
    void gzippedHeaderDeclaringOneHugeImageIsRefusedBeforeAllocation() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        ByteBuffer header = ByteBuffer.allocate(16).putInt(IdxImages.IMAGES_MAGIC).putInt(1).putInt(40000)
                .putInt(40000);
        gzip(images, header.array());
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " declares 1 images of 40000×40000 pixels, 1600000000 bytes, above the limit of "
                + IdxImages.MAX_PIXEL_BYTES, e.getMessage());
    }

    @Test
    void gzippedHeaderDeclaringMoreThanTheStreamHoldsEndsWithTheStream() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        ByteBuffer header = ByteBuffer.allocate(16 + 100).putInt(IdxImages.IMAGES_MAGIC).putInt(1000).putInt(1000)
                .putInt(1000);
        gzip(images, header.array());
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " ends after 116 of 1000000016 bytes", e.getMessage());
    }

    @Test
    void gzippedIdxWithAWrongCrcIsRefused() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte.gz"), COUNT, true);
        byte[] zipped = Files.readAllBytes(images);
        zipped[zipped.length - 8] ^= 0x55;
        Files.write(images, zipped);
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " is damaged or truncated (Corrupt GZIP trailer)", e.getMessage());
    }

    @Test
    void bytesAfterTheDeclaredImagesAreRefused() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] content = idx3(COUNT);
        Files.write(images, Arrays.copyOf(content, content.length + 3));
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " holds more than the " + content.length + " bytes its header declares", e.getMessage());
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws IOException {
        Path labels = writeLabels(dir.resolve("train-labels-idx1-ubyte"), new int[] {1, 2}, false);
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(labels));
        assertEquals(labels + " is not an idx3 images file: magic 0x00000801 (expected 0x00000803)",
                e.getMessage());
    }

    @Test
    void labelCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        Path labels = writeLabels(dir.resolve("train-labels-idx1-ubyte"), new int[] {1, 2, 3}, false);
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(labels + " holds 3 labels but " + images + " holds 5 images", e.getMessage());
    }

    @Test
    void truncatedLabelsFileNamesTheFile() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), COUNT, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        writeLabels(labels, new int[COUNT], false);
        byte[] whole = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(whole, whole.length - 1));
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(labels + " ends after 12 of 13 bytes", e.getMessage());
    }

    @Test
    void fileWithoutImagesIsAnError() throws IOException {
        Path images = writeImages(dir.resolve("train-images-idx3-ubyte"), 0, false);
        DataException e = assertThrows(DataException.class, () -> IdxImages.open(images));
        assertEquals(images + " holds no images", e.getMessage());
    }

    /** A value that differs between neighbouring images, rows and columns, and uses the high bit. */
    private static int pixel(int image, int y, int x) {
        return (image * 53 + y * 17 + x * 3 + 200) & 0xFF;
    }

    private static byte[] idx3(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * ROWS * COLS);
        b.putInt(IdxImages.IMAGES_MAGIC).putInt(count).putInt(ROWS).putInt(COLS);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    b.put((byte) pixel(i, y, x));
                }
            }
        }
        return b.array();
    }

    private static Path writeImages(Path file, int count, boolean gzip) throws IOException {
        return write(file, idx3(count), gzip);
    }

    private static Path writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxImages.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return write(file, b.array(), gzip);
    }

    private static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        if (gzip) {
            gzip(file, content);
        } else {
            Files.write(file, content);
        }
        return file;
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        Files.write(file, bytes.toByteArray());
    }
}
