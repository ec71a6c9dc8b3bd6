package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetCatalog;
import org.dcganstudio.core.data.download.DownloadListener;
import org.dcganstudio.core.data.download.RemoteDataset;
import org.dcganstudio.core.data.download.RemoteFile;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.dcganstudio.core.data.folder.ImageFolder;
import org.dcganstudio.core.data.formats.Cifar10Binary;
import org.dcganstudio.core.data.formats.IdxImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpecTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsTheSyntheticFacesAtTheModelsSize() {
        ImageDataset faces = DataSpec.open(DataSpec.DEFAULT, 32, 1, 1);
        assertInstanceOf(PreparedImages.class, faces);
        assertInstanceOf(SyntheticFaces.class, ((PreparedImages) faces).source());
        assertEquals(SyntheticFaces.DEFAULT_COUNT, faces.size());
        assertEquals(32, faces.imageSize());
        assertEquals(1, faces.channels());
        assertEquals("smiling", faces.annotations().attributes().get(0).name());
        // The faces do not depend on the run's seed: every run sees the same labelled set.
        float[] a = new float[32 * 32];
        float[] b = new float[32 * 32];
        DataSpec.open("synthetic-faces:10", 32, 1, 1).copyImage(3, a, 0);
        DataSpec.open("synthetic-faces:10", 32, 1, 99).copyImage(3, b, 0);
        assertEquals(Arrays.toString(a), Arrays.toString(b));
    }

    @Test
    void opensTheProceduralSets() {
        ImageDataset shapes = DataSpec.open("synthetic-shapes", 64, 3, 1);
        assertInstanceOf(SyntheticShapes.class, shapes);
        assertEquals(60_000, shapes.size());
        assertEquals(123, DataSpec.open("synthetic-shapes:123", 32, 1, 1).size());
        assertInstanceOf(SolidColours.class, DataSpec.open("solid-colours", 16, 3, 1));
        assertEquals(77, DataSpec.open("solid-colors:77", 16, 1, 1).size());
    }

    @Test
    void pathsAreReadAsTheFormatTheyHold() throws IOException {
        Path idx = writeIdx(dir.resolve("digits-images-idx3-ubyte"), 5, 6);
        DataSpec spec = DataSpec.parse(idx.toString());
        assertEquals(DataSpec.Kind.IDX, spec.kind());
        PreparedImages images = (PreparedImages) spec.open(8, 3, 1, DataContext.offline());
        assertInstanceOf(IdxImages.class, images.source());
        assertEquals(5, images.size());
        assertEquals(8, images.imageSize());
        assertEquals(3, images.channels());

        Path cifar = Files.createDirectories(dir.resolve("cifar"));
        byte[] records = new byte[2 * 3073];
        Files.write(cifar.resolve("data_batch_1.bin"), records);
        for (int k = 2; k <= 5; k++) {
            Files.write(cifar.resolve("data_batch_" + k + ".bin"), records);
        }
        DataSpec cifarSpec = DataSpec.parse(cifar.toString());
        assertEquals(DataSpec.Kind.CIFAR10, cifarSpec.kind());
        assertInstanceOf(Cifar10Binary.class, cifarSpec.source(DataContext.offline()));
        assertEquals(10, cifarSpec.open(32, 3, 1, DataContext.offline()).size());

        Path photos = Files.createDirectories(dir.resolve("photos"));
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", photos.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(10, 30, BufferedImage.TYPE_INT_RGB), "png", photos.resolve("b.png").toFile());
        DataSpec folder = DataSpec.parse(photos.toString());
        assertEquals(DataSpec.Kind.IMAGE_FOLDER, folder.kind());
        assertInstanceOf(ImageFolder.class, folder.source(DataContext.offline()));
        assertEquals(DataSpec.Kind.IMAGE_FOLDER, DataSpec.parse("folder:" + cifar).kind());
        // Relative paths are recorded absolute, so resuming from another folder finds the data.
        Path relative = Path.of("").toAbsolutePath().relativize(photos);
        assertEquals(photos.toAbsolutePath().normalize().toString(), DataSpec.parse(relative.toString()).text());
        assertEquals("folder:" + photos.toAbsolutePath().normalize(), DataSpec.parse("folder:" + relative).text());
    }

    @Test
    void publicSetsComeFromTheCacheOrSayWhereToPutThem() throws IOException {
        DatasetCache cache = new DatasetCache(dir.resolve("cache"), DatasetCatalog.standard());
        DataContext offline = new DataContext(cache, false, DownloadListener.NONE, w -> { });
        DataSpec mnist = DataSpec.parse("mnist:test");
        assertEquals(DataSpec.Kind.PUBLIC, mnist.kind());
        boolean system = cache.locate("mnist").isPresent();
        if (!system) {
            String message = assertThrows(DataException.class, () -> mnist.open(28, 1, 1, offline)).getMessage();
            assertTrue(message.contains("t10k-images-idx3-ubyte.gz") && message.contains(cache.folder("mnist")
                    .toString()), message);
            // The reader tells gzip by its magic bytes, so plain idx under the catalog's names will do.
            Path folder = Files.createDirectories(cache.folder("mnist"));
            writeIdx(folder.resolve("train-images-idx3-ubyte.gz"), 4, 28);
            writeLabels(folder.resolve("train-labels-idx1-ubyte.gz"), 4);
            writeIdx(folder.resolve("t10k-images-idx3-ubyte.gz"), 3, 28);
            writeLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"), 3);
            // The cache checks each file's size and SHA-256 against the catalog: describe these in one.
            DataContext written = new DataContext(describing(cache, "mnist"), false, DownloadListener.NONE, w -> { });
            assertEquals(3, mnist.open(28, 1, 1, written).size());
            assertEquals(4, DataSpec.parse("mnist").open(28, 1, 1, written).size());
        }
    }

    private static DatasetCache describing(DatasetCache cache, String name) throws IOException {
        RemoteDataset d = cache.catalog().get(name);
        List<RemoteFile> files = new ArrayList<>();
        for (RemoteFile f : d.files()) {
            byte[] content = Files.readAllBytes(cache.folder(name).resolve(f.name()));
            String sha;
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            files.add(new RemoteFile(f.name(), f.urls(), content.length, sha));
        }
        return new DatasetCache(cache.root(), new DatasetCatalog(List.of(
                new RemoteDataset(d.name(), d.title(), files, d.systemFolders(), d.debianPackage()))));
    }

    @Test
    void unknownSpecsAreNamedWithTheAlternatives() {
        String message = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("foo")).getMessage();
        assertTrue(message.contains("'foo'"), message);
        assertTrue(message.contains("synthetic-faces[:N]") && message.contains("fashion-mnist"), message);
        String missing = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("/no/such/photos"))
                .getMessage();
        assertTrue(missing.contains("no such file or folder: /no/such/photos"), missing);
        String split = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("mnist:validation"))
                .getMessage();
        assertTrue(split.contains("mnist:test"), split);
    }

    @Test
    void badCountsAreNamed() {
        for (String spec : new String[] {"synthetic-faces:0", "synthetic-shapes:abc", "solid-colours:",
            "solid-colours:-3"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(spec)).getMessage();
            assertTrue(message.contains(spec), message);
        }
    }

    /** An idx3 file of {@code count} {@code side}×{@code side} images with pixel = index. */
    private static Path writeIdx(Path file, int count, int side) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(side).putInt(side);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            for (int i = 0; i < count; i++) {
                byte[] image = new byte[side * side];
                Arrays.fill(image, (byte) i);
                out.write(image);
            }
        }
        return file;
    }

    private static void writeLabels(Path file, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (i % 10));
        }
        Files.write(file, buffer.array());
    }
}
