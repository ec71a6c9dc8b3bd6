package org.dcganstudio.core.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.formats.Cifar10Binary.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryTest {

    /** Batch k holds k records and the test batch 2, so nothing may assume 10,000 per file. */
    private static final int TRAIN_SIZE = 1 + 2 + 3 + 4 + 5;
    private static final int TEST_SIZE = 2;
    private static final String META = "frog0\nfrog1\nfrog2\nfrog3\nfrog4\nfrog5\nfrog6\nfrog7\nfrog8\nfrog9\n\n";

    @TempDir
    Path dir;

    @Test
    void planarRecordBecomesInterleavedPixels() throws IOException {
        byte[] record = record(0, 4);
        int p = 5 * 32 + 3;
        record[1 + p] = 10;
        record[1 + 1024 + p] = 20;
        record[1 + 2048 + p] = 30;
        Path batch = Files.write(dir.resolve("data_batch_1.bin"), record);
        Raster r = Cifar10Binary.open(batch, Split.TRAIN).read(0);
        assertEquals(32, r.width());
        assertEquals(32, r.height());
        assertEquals(3, r.channels());
        assertEquals(10, r.sample(3, 5, 0));
        assertEquals(20, r.sample(3, 5, 1));
        assertEquals(30, r.sample(3, 5, 2));
    }

    @Test
    void trainSplitReadsEveryBatchInOrder() throws IOException {
        writeFolder(dir);
        Cifar10Binary train = Cifar10Binary.open(dir, Split.TRAIN);
        assertEquals(TRAIN_SIZE, train.size());
        assertEquals("cifar-10 (train)", train.name());
        assertTrue(train.inMemory());
        for (int i = 0; i < TRAIN_SIZE; i++) {
            assertImage(i, train.read(i));
            assertEquals(label(i), train.annotations().classOf(i));
        }
        assertEquals(Cifar10Binary.DEFAULT_CLASSES, train.annotations().classNames());
    }

    @Test
    void testAndAllSplitsPickTheirBatches() throws IOException {
        writeFolder(dir);
        Cifar10Binary test = Cifar10Binary.open(dir, Split.TEST);
        assertEquals(TEST_SIZE, test.size());
        assertArrayEquals(interleaved(TRAIN_SIZE + 1), test.read(1).pixels());
        Cifar10Binary all = Cifar10Binary.open(dir, Split.ALL);
        assertEquals(TRAIN_SIZE + TEST_SIZE, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertImage(i, all.read(i));
        }
    }

    @Test
    void classNamesComeFromBatchesMetaTxt() throws IOException {
        writeFolder(dir);
        Files.writeString(dir.resolve("batches.meta.txt"), META);
        List<String> names = Cifar10Binary.open(dir, Split.TEST).annotations().classNames();
        assertEquals(10, names.size());
        assertEquals("frog9", names.get(9));
    }

    @Test
    void metaWithTheWrongNumberOfNamesNamesTheFile() throws IOException {
        writeFolder(dir);
        Path meta = Files.writeString(dir.resolve("batches.meta.txt"), "cat\ndog\n");
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.TEST));
        assertEquals(meta + " lists 2 class names, CIFAR-10 has 10", e.getMessage());
    }

    @Test
    void folderAroundTheBatchesFolderIsAccepted() throws IOException {
        writeFolder(Files.createDirectory(dir.resolve("cifar-10-batches-bin")));
        assertEquals(TRAIN_SIZE, Cifar10Binary.open(dir, Split.TRAIN).size());
    }

    @Test
    void singleBatchFileIsReadWhateverTheSplit() throws IOException {
        writeFolder(dir);
        Cifar10Binary batch = Cifar10Binary.open(dir.resolve("data_batch_3.bin"), Split.TEST);
        assertEquals(3, batch.size());
        assertEquals("cifar-10 (data_batch_3.bin)", batch.name());
        assertArrayEquals(interleaved(3), batch.read(0).pixels());
    }

    @Test
    void archiveIsReadInPlaceLikeTheFolder() throws IOException {
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), archive(true).tarGz());
        Cifar10Binary all = Cifar10Binary.open(archive, Split.ALL);
        assertEquals(TRAIN_SIZE + TEST_SIZE, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertImage(i, all.read(i));
            assertEquals(label(i), all.annotations().classOf(i));
        }
        assertEquals("frog3", all.annotations().classNames().get(3));
        assertEquals(TEST_SIZE, Cifar10Binary.open(archive, Split.TEST).size());
        assertEquals(List.of(), Files.list(dir).filter(f -> !f.equals(archive)).toList(), "nothing unpacked");
    }

    @Test
    void uncompressedTarIsReadToo() throws IOException {
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar"), archive(true).tar());
        assertArrayEquals(interleaved(TRAIN_SIZE - 1), Cifar10Binary.open(archive, Split.TRAIN)
                .read(TRAIN_SIZE - 1).pixels());
    }

    @Test
    void truncatedRecordFileNamesTheFile() throws IOException {
        writeFolder(dir);
        Path batch = dir.resolve("data_batch_3.bin");
        Files.write(batch, Arrays.copyOf(Files.readAllBytes(batch), 2 * 3073 + 100));
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.TRAIN));
        assertEquals(batch + " is 6246 bytes, not a whole number of 3073-byte CIFAR-10 records", e.getMessage());
    }

    @Test
    void missingBatchesAreNamedWithWhereTheyWereSought() throws IOException {
        writeFolder(dir);
        Files.delete(dir.resolve("data_batch_2.bin"));
        Files.delete(dir.resolve("data_batch_5.bin"));
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.TRAIN));
        assertEquals("the CIFAR-10 train split needs data_batch_2.bin, data_batch_5.bin, missing in " + dir,
                e.getMessage());
        assertEquals(TEST_SIZE, Cifar10Binary.open(dir, Split.TEST).size());
    }

    @Test
    void folderWithoutBatchesSaysWhereItLooked() {
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.ALL));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("cifar-10-batches-bin"),
                e.getMessage());
    }

    @Test
    void archiveWithoutABatchNamesIt() throws IOException {
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), archive(false).tarGz());
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(archive, Split.ALL));
        assertEquals("the CIFAR-10 all split needs test_batch.bin, missing in " + archive, e.getMessage());
    }

    @Test
    void truncatedArchiveNamesTheArchive() throws IOException {
        byte[] whole = archive(true).tarGz();
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(archive, Split.TRAIN));
        assertTrue(e.getMessage().startsWith(archive + " is damaged or truncated"), e.getMessage());
    }

    @Test
    void aBatchSizeAboveTheLimitInATarHeaderIsRefusedBeforeItIsRead() throws IOException {
        byte[] tar = archive(true).tar();
        int header = -1;
        for (int at = 0; at < tar.length && header < 0; at += 512) {
            if (new String(tar, at, 100, java.nio.charset.StandardCharsets.US_ASCII).contains("data_batch_1.bin")) {
                header = at;
            }
        }
        long declared = (Cifar10Binary.MAX_BATCH_BYTES / Cifar10Binary.RECORD + 1) * Cifar10Binary.RECORD;
        byte[] size = String.format("%011o\0", declared).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, tar, header + 124, 12);
        Arrays.fill(tar, header + 148, header + 156, (byte) ' ');
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[header + i] & 0xFF;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, header + 148, 8);
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar"), tar);
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(archive, Split.TRAIN));
        assertTrue(e.getMessage().startsWith(archive + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("data_batch_1.bin is " + declared + " bytes, more than a CIFAR-10 batch can be ("
                + Cifar10Binary.MAX_BATCH_BYTES + " bytes)"), e.getMessage());
    }

    @Test
    void batchesAboveTheTotalLimitAreRefusedBeforeTheyAreRead() throws IOException {
        long each = 70_000L * Cifar10Binary.RECORD;
        for (int b = 1; b <= 5; b++) {
            try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(
                    dir.resolve("data_batch_" + b + ".bin").toFile(), "rw")) {
                sparse.setLength(each);
            }
        }
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.TRAIN));
        assertTrue(e.getMessage().endsWith(" holds 350000 CIFAR-10 images, " + 5 * each + " bytes, above the limit of "
                + Cifar10Binary.MAX_TOTAL_BYTES), e.getMessage());
    }

    @Test
    void corruptArchiveNamesTheArchive() throws IOException {
        byte[] tar = archive(true).tar();
        tar[124 + 5] ^= 1;
        Path archive = Files.write(dir.resolve("cifar-10-binary.tar.gz"), gzip(tar));
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(archive, Split.TRAIN));
        assertEquals(archive + " is damaged: the tar header at byte 0 fails its checksum", e.getMessage());

        byte[] zipped = archive(true).tarGz();
        zipped[zipped.length / 2] ^= (byte) 0xFF;
        Files.write(archive, zipped);
        e = assertThrows(DataException.class, () -> Cifar10Binary.open(archive, Split.TRAIN));
        assertTrue(e.getMessage().startsWith(archive + " is damaged"), e.getMessage());
    }

    @Test
    void labelAboveNineNamesTheFileAndRecord() throws IOException {
        writeFolder(dir);
        Path batch = dir.resolve("data_batch_2.bin");
        byte[] bytes = Files.readAllBytes(batch);
        bytes[3073] = 10;
        Files.write(batch, bytes);
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(dir, Split.TRAIN));
        assertEquals(batch + ": record 1 has label 10, CIFAR-10 labels are 0 to 9", e.getMessage());
    }

    @Test
    void emptyBatchFileIsAnError() throws IOException {
        Path batch = Files.write(dir.resolve("data_batch_1.bin"), new byte[0]);
        DataException e = assertThrows(DataException.class, () -> Cifar10Binary.open(batch, Split.TRAIN));
        assertEquals(batch + " holds no CIFAR-10 images", e.getMessage());
    }

    private static int label(int image) {
        return (image * 7) % 10;
    }

    private static int sample(int image, int channel, int pixel) {
        return (image * 41 + channel * 97 + pixel * 7) & 0xFF;
    }

    /** Image {@code image} as a CIFAR-10 record: label, then the red, green and blue planes. */
    private static byte[] record(int image, int label) {
        byte[] record = new byte[3073];
        record[0] = (byte) label;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) {
                record[1 + c * 1024 + p] = (byte) sample(image, c, p);
            }
        }
        return record;
    }

    private static byte[] interleaved(int image) {
        byte[] rgb = new byte[3 * 1024];
        for (int p = 0; p < 1024; p++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] = (byte) sample(image, c, p);
            }
        }
        return rgb;
    }

    private static void assertImage(int image, Raster r) {
        assertArrayEquals(interleaved(image), r.pixels(), "image " + image);
    }

    private static byte[] batch(int first, int count) {
        byte[] bytes = new byte[count * 3073];
        for (int i = 0; i < count; i++) {
            System.arraycopy(record(first + i, label(first + i)), 0, bytes, i * 3073, 3073);
        }
        return bytes;
    }

    private static List<String> batchNames() {
        return List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin");
    }

    /** Batch k holds k records; images are numbered across the batches in split order. */
    private static byte[] batchContent(int k) {
        int first = k * (k + 1) / 2;
        return k < 5 ? batch(first, k + 1) : batch(TRAIN_SIZE, TEST_SIZE);
    }

    private static void writeFolder(Path folder) throws IOException {
        for (int k = 0; k < 6; k++) {
            Files.write(folder.resolve(batchNames().get(k)), batchContent(k));
        }
    }

    /**
     * The archive as published, plus what a reader must step over: a pax header, a folder entry,
     * a file it does not want, batches out of order, one named through the ustar prefix field.
     */
    private static TarWriter archive(boolean withTestBatch) {
        TarWriter tar = new TarWriter()
                .entry("", "PaxHeaders/cifar-10-batches-bin", 'x', "29 path=cifar-10-batches-bin\n".getBytes(
                        StandardCharsets.UTF_8))
                .folder("cifar-10-batches-bin/")
                .file("cifar-10-batches-bin/readme.html", "<p>CIFAR-10</p>".getBytes(StandardCharsets.UTF_8))
                .file("cifar-10-batches-bin/batches.meta.txt", META.getBytes(StandardCharsets.UTF_8));
        for (int k : new int[] {4, 0, 2, 1}) {
            tar.file("cifar-10-batches-bin/" + batchNames().get(k), batchContent(k));
        }
        tar.entry("cifar-10-batches-bin", "data_batch_4.bin", '0', batchContent(3));
        if (withTestBatch) {
            tar.file("cifar-10-batches-bin/test_batch.bin", batchContent(5));
        }
        return tar;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
