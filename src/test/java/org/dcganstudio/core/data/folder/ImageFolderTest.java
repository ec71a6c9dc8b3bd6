package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.rgb;
import static org.dcganstudio.core.data.folder.TestImages.write;
import static org.dcganstudio.core.data.folder.TestImages.writeText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void scanFindsEveryFormatRecursivelyInRelativePathOrder() {
        write(rgb(4, 3, 1), "png", dir.resolve("a.png"));
        write(rgb(5, 4, 2), "jpg", dir.resolve("B.JPG"));
        write(rgb(6, 5, 3), "jpeg", dir.resolve("sub/e.jpeg"));
        write(rgb(7, 6, 4), "bmp", dir.resolve("sub/c.bmp"));
        write(rgb(8, 7, 5), "gif", dir.resolve("sub/deeper/d.Gif"));
        writeText(dir.resolve("notes.txt"), "not an image");
        writeText(dir.resolve("sub/broken.png"), "not a png either");

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(List.of("B.JPG", "a.png", "sub/c.bmp", "sub/deeper/d.Gif", "sub/e.jpeg"), paths(folder));
        int[] widths = IntStream.range(0, folder.size()).map(i -> folder.read(i).width()).toArray();
        assertArrayEquals(new int[] {5, 4, 7, 8, 6}, widths);
        assertEquals(dir.resolve("sub/c.bmp"), folder.file(2));
        assertEquals(dir.getFileName().toString(), folder.name());
        assertFalse(folder.inMemory());
        assertEquals(ImageAnnotations.NONE, folder.annotations());
        ScanReport report = folder.report();
        assertEquals(5, report.images());
        assertEquals(1, report.otherFiles());
        assertEquals(List.of(new ScanReport.Skipped("sub/broken.png", "not a readable image")), report.skipped());
        assertEquals(List.of("skipped 1 of 6 files in " + dir + ": sub/broken.png (not a readable image)"),
                folder.warnings());
    }

    @Test
    void scanOrderIsTheSameWithOneOrManyHeaderReaders() {
        for (int i = 0; i < 300; i++) {
            write(rgb(1 + i % 5, 2, i), "png", dir.resolve("d" + i % 7 + "/img" + i + ".png"));
        }
        ImageFolder one = ImageFolder.open(dir, new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 1));
        ImageFolder four = ImageFolder.open(dir, new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 4));
        assertEquals(300, one.size());
        assertEquals(paths(one), paths(four));
        List<String> sorted = new ArrayList<>(paths(one));
        sorted.sort(null);
        assertEquals(sorted, paths(one));
    }

    @Test
    void imageClaimingTooManyPixelsIsRefusedFromItsHeaderAlone() throws IOException {
        write(rgb(2, 2, 0), "png", dir.resolve("small.png"));
        // Decoding would need 180 MB for pixels the file does not hold; the header is enough.
        Files.write(dir.resolve("huge.png"), TestImages.pngClaiming(10_000, 6_000));

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(List.of("small.png"), paths(folder));
        assertEquals(List.of(new ScanReport.Skipped("huge.png",
                "10000×6000 = 60 megapixels, over the 50-megapixel limit")), folder.report().skipped());

        write(rgb(40, 30, 0), "png", dir.resolve("medium.png"));
        ImageFolder limited = ImageFolder.open(dir, new ScanOptions(1_000, 1));
        assertEquals(List.of("small.png"), paths(limited));
        assertTrue(limited.warnings().get(0).contains("medium.png (40×30 = 1,200 pixels, over the 1,000-pixel limit)"),
                limited.warnings().get(0));
    }

    @Test
    void theWarningNamesFiveSkippedFilesAndCountsTheRest() {
        write(rgb(2, 2, 0), "png", dir.resolve("good.png"));
        for (int i = 0; i < 1_000; i++) {
            writeText(dir.resolve(String.format("bad-%04d.png", i)), "x");
        }

        ImageFolder folder = ImageFolder.open(dir);

        String warning = folder.warnings().get(0);
        assertTrue(warning.startsWith("skipped 1,000 of 1,001 files in " + dir + ": bad-0000.png (not a readable "
                + "image), bad-0001.png"), warning);
        assertTrue(warning.contains("bad-0004.png (not a readable image), and 995 more"), warning);
        assertFalse(warning.contains("bad-0005.png"), warning);
        assertEquals(1_000, folder.report().skipped().size());
    }

    @Test
    void emptyFolderIsAnErrorNamingTheFolderAndWhatWasLookedFor() {
        DataException empty = assertThrows(DataException.class, () -> ImageFolder.open(dir));
        assertTrue(empty.getMessage().contains(dir.toString()), empty.getMessage());
        assertTrue(empty.getMessage().contains(".png, .jpg, .jpeg, .bmp and .gif"), empty.getMessage());

        writeText(dir.resolve("readme.txt"), "hi");
        writeText(dir.resolve("photos/broken.jpg"), "no jpeg");
        DataException noImages = assertThrows(DataException.class, () -> ImageFolder.open(dir));
        assertTrue(noImages.getMessage().contains("found only 1 other files"), noImages.getMessage());
        assertTrue(noImages.getMessage().contains("photos/broken.jpg (not a readable image)"), noImages.getMessage());
    }

    @Test
    void missingFolderIsAnErrorNamingIt() {
        Path missing = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> ImageFolder.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void fileInsteadOfFolderIsAnErrorNamingIt() {
        Path file = write(rgb(2, 2, 0), "png", dir.resolve("one.png"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a folder"),
                e.getMessage());
    }

    @Test
    void classSubFoldersBecomeLabelsSortedByName() {
        write(rgb(2, 2, 0), "png", dir.resolve("dogs/a.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("cats/b.png"));
        write(rgb(2, 2, 2), "png", dir.resolve("cats/c.png"));
        write(rgb(2, 2, 3), "png", dir.resolve("dogs/puppies/d.png"));

        ImageFolder folder = ImageFolder.open(dir);

        ImageAnnotations labels = folder.annotations();
        assertEquals(List.of("cats", "dogs"), labels.classNames());
        assertEquals(List.of("cats/b.png", "cats/c.png", "dogs/a.png", "dogs/puppies/d.png"), paths(folder));
        assertArrayEquals(new int[] {0, 0, 1, 1}, IntStream.range(0, 4).map(labels::classOf).toArray());
        assertTrue(folder.warnings().isEmpty());
    }

    @Test
    void imagesInOneSubFolderOrAtTheTopHaveNoClasses() {
        write(rgb(2, 2, 0), "png", dir.resolve("img_align_celeba/000001.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("img_align_celeba/000002.png"));
        assertFalse(ImageFolder.open(dir).annotations().hasClasses());
        assertFalse(ImageFolder.open(dir.resolve("img_align_celeba")).annotations().hasClasses());
    }

    @Test
    void topLevelImagesBesideClassFoldersTurnClassesOffWithAWarning() {
        write(rgb(2, 2, 0), "png", dir.resolve("cats/a.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("dogs/b.png"));
        write(rgb(2, 2, 2), "png", dir.resolve("stray.png"));

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(3, folder.size());
        assertFalse(folder.annotations().hasClasses());
        assertEquals(List.of("1 images lie directly in " + dir + " beside 2 sub-folders; classes are off, so every "
                + "image is used without a class label"), folder.warnings());
    }

    @Test
    void hiddenFilesAndFoldersAreIgnored() {
        write(rgb(2, 2, 0), "png", dir.resolve("cats/a.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("dogs/b.png"));
        write(rgb(2, 2, 2), "png", dir.resolve(".ipynb_checkpoints/a-checkpoint.png"));
        writeText(dir.resolve("cats/._a.png"), "macOS resource fork");

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(List.of("cats/a.png", "dogs/b.png"), paths(folder));
        assertEquals(List.of("cats", "dogs"), folder.annotations().classNames());
        assertEquals(1, folder.report().otherFiles());
        assertTrue(folder.warnings().isEmpty());
    }

    @Test
    void aLinkBackToAnAncestorIsReportedNotFollowedForever() throws IOException {
        write(rgb(2, 2, 0), "png", dir.resolve("sub/a.png"));
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(List.of("sub/a.png"), paths(folder));
        assertEquals(List.of("did not follow the link sub/loop in " + dir + ": it leads back into a folder above it"),
                folder.warnings());
    }

    @Test
    void aFileThatNoLongerDecodesIsAnErrorNamingIt() throws IOException {
        Path png = write(rgb(40, 40, 0), "png", dir.resolve("a.png"));
        Path jpg = write(rgb(40, 40, 1), "jpg", dir.resolve("b.jpg"));
        Path bomb = write(rgb(2, 2, 2), "png", dir.resolve("c.png"));
        ImageFolder folder = ImageFolder.open(dir);

        byte[] pngBytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(pngBytes, pngBytes.length / 2));
        byte[] jpgBytes = Files.readAllBytes(jpg);
        Files.write(jpg, Arrays.copyOf(jpgBytes, jpgBytes.length * 3 / 4));
        Files.write(bomb, TestImages.pngClaiming(8_000, 7_000));

        for (int i = 0; i < 3; i++) {
            int index = i;
            DataException e = assertThrows(DataException.class, () -> folder.read(index));
            assertTrue(e.getMessage().contains(folder.file(i).toString()), e.getMessage());
        }
        assertTrue(assertThrows(DataException.class, () -> folder.read(1)).getMessage().contains("cut short"));
        assertTrue(assertThrows(DataException.class, () -> folder.read(2)).getMessage().contains("56 megapixels"));
    }

    @Test
    void concurrentReadsMatchSequentialOnes() throws Exception {
        for (int i = 0; i < 24; i++) {
            write(rgb(16, 12, i), i % 2 == 0 ? "png" : "bmp", dir.resolve("img" + i + (i % 2 == 0 ? ".png" : ".bmp")));
        }
        ImageFolder folder = ImageFolder.open(dir);
        List<Raster> expected = IntStream.range(0, folder.size()).mapToObj(folder::read).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Raster>> reads = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < folder.size(); i++) {
                    int index = i;
                    reads.add(pool.submit(() -> folder.read(index)));
                }
            }
            for (int r = 0; r < reads.size(); r++) {
                assertArrayEquals(expected.get(r % folder.size()).pixels(), reads.get(r).get().pixels());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scanOptionsRejectBadValues() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ScanOptions(0, 2)).getMessage()
                .contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ScanOptions(100, 65)).getMessage()
                .contains("got 65"));
    }

    static List<String> paths(ImageFolder folder) {
        return IntStream.range(0, folder.size()).mapToObj(folder::relativePath).toList();
    }
}
