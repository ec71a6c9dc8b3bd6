package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageExportTest {

    @TempDir
    Path dir;

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesPngsOfExactlyTheFacesAndTheirLabels() throws Exception {
        SyntheticFaces faces = new SyntheticFaces(50, 3);
        Path out = dir.resolve("faces");
        List<Long> progress = new ArrayList<>();
        ImageExport.writeFirst(faces, 20, out, ImageExport.ATTRIBUTES_CSV, progress::add);

        assertEquals(20, progress.size());
        assertEquals(20L, progress.get(19));
        List<String> files = listing(out);
        assertEquals(21, files.size());
        assertEquals("000000.png", files.get(0));
        assertEquals("000019.png", files.get(19));
        assertEquals(ImageExport.ATTRIBUTES_CSV, files.get(20));
        assertEquals(List.of("faces"), listing(dir), "no temporary folder left beside the export");

        for (int i = 0; i < 20; i++) {
            BufferedImage png = ImageIO.read(out.resolve(String.format("%06d.png", i)).toFile());
            Raster face = faces.read(i);
            assertEquals(64, png.getWidth());
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int rgb = png.getRGB(x, y);
                    assertEquals(face.sample(x, y, 0), (rgb >> 16) & 0xFF);
                    assertEquals(face.sample(x, y, 1), (rgb >> 8) & 0xFF);
                    assertEquals(face.sample(x, y, 2), rgb & 0xFF);
                }
            }
        }

        List<String> lines = Files.readAllLines(out.resolve(ImageExport.ATTRIBUTES_CSV));
        assertEquals(21, lines.size());
        assertEquals("file,smiling,long_hair,glasses,hair_colour,skin_tone,background", lines.get(0));
        ImageAnnotations labels = faces.annotations();
        for (int i = 0; i < 20; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(String.format("%06d.png", i), cells[0]);
            for (int a = 0; a < SyntheticFaces.ATTRIBUTES.size(); a++) {
                Attribute attribute = SyntheticFaces.ATTRIBUTES.get(a);
                assertEquals(attribute.levels().get(labels.value(i, a)), cells[a + 1], "row " + i + " " + attribute);
            }
        }
    }

    @Test
    void interruptedExportLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("faces");
        assertThrows(InterruptedException.class, () -> ImageExport.writeFirst(new SyntheticFaces(30, 1), 30, out,
                ImageExport.ATTRIBUTES_CSV, n -> {
                    if (n == 5) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertFalse(Thread.interrupted(), "the interrupt is consumed by the InterruptedException");
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void fillsAnEmptyFolderButNeverOverwrites() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ImageExport.writeFirst(new SyntheticFaces(2, 1), 2, empty, ImageExport.ATTRIBUTES_CSV, n -> { });
        assertEquals(3, listing(empty).size());

        Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> ImageExport.writeFirst(new SyntheticFaces(2, 1), 2, taken, ImageExport.ATTRIBUTES_CSV, n -> { }));
        assertTrue(e.getMessage().contains("taken"), e.getMessage());
        assertEquals(List.of("keep.txt"), listing(taken));
        assertEquals(List.of("empty", "taken"), listing(dir));
    }

    @Test
    void rejectsCountsOutsideTheSource() {
        SyntheticFaces faces = new SyntheticFaces(5, 1);
        Path out = dir.resolve("x");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ImageExport.writeFirst(faces, 6, out, ImageExport.ATTRIBUTES_CSV, n -> { }))
                .getMessage().contains("got 6"));
        assertThrows(IllegalArgumentException.class,
                () -> ImageExport.writeFirst(faces, 0, out, ImageExport.ATTRIBUTES_CSV, n -> { }));
    }

    @Test
    void exportsGreyUnlabelledSourcesAndRefusesLevelsThatNeedQuoting() throws Exception {
        RasterSource grey = new RasterSource() {
            @Override
            public String name() {
                return "grey";
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public Raster read(int index) {
                return new Raster(2, 1, 1, new byte[] {(byte) (10 * index), (byte) 200});
            }
        };
        Path out = dir.resolve("grey");
        ImageExport.writeFirst(grey, 2, out, ImageExport.ATTRIBUTES_CSV, n -> { });
        assertEquals(List.of("file", "000000.png", "000001.png"), Files.readAllLines(out.resolve("attributes.csv")));
        BufferedImage png = ImageIO.read(out.resolve("000001.png").toFile());
        assertEquals(10, png.getRaster().getSample(0, 0, 0));
        assertEquals(200, png.getRaster().getSample(1, 0, 0));

        ImageAnnotations commas = ImageAnnotations.builder(2)
                .attribute(new Attribute("size", List.of("small", "big, very")), new int[] {0, 1}).build();
        RasterSource labelled = new RasterSource() {
            @Override
            public String name() {
                return "commas";
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public Raster read(int index) {
                return grey.read(index);
            }

            @Override
            public ImageAnnotations annotations() {
                return commas;
            }
        };
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ImageExport.writeFirst(labelled, 2, dir.resolve("commas"), ImageExport.ATTRIBUTES_CSV,
                        n -> { })).getMessage()
                .contains("'big, very'"));
        assertFalse(Files.exists(dir.resolve("commas")));
    }

    @Test
    void aPngThatCannotBeWrittenIsNamedAndNothingIsLeftBehind() {
        Path out = dir.resolve("blocked");
        RasterSource blocking = source("blocking", 1, index -> {
            // A non-empty folder where the PNG goes: ImageIO then fails with a message naming no file.
            try (var partials = Files.list(dir)) {
                Path partial = partials.filter(p -> p.getFileName().toString().startsWith(".blocked.partial-"))
                        .findFirst().orElseThrow();
                Files.createDirectories(partial.resolve("000000.png").resolve("in-the-way"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Raster(1, 1, 1, new byte[] {7});
        });

        IOException e = assertThrows(IOException.class,
                () -> ImageExport.writeFirst(blocking, 1, out, ImageExport.ATTRIBUTES_CSV, n -> { }));

        assertTrue(e.getMessage().startsWith("cannot write " + dir.resolve(".blocked.partial-")), e.getMessage());
        assertTrue(e.getMessage().contains("000000.png: "), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void chosenImagesOfAClassSourceGetALabelColumnBeforeTheAttributes() throws Exception {
        ImageAnnotations labels = ImageAnnotations.builder(4)
                .classes(List.of("cat", "dog"), new int[] {0, 1, 1, 0})
                .attribute(Attribute.binary("fluffy"), new int[] {1, 0, 1, 0})
                .build();
        RasterSource animals = new RasterSource() {
            @Override
            public String name() {
                return "animals";
            }

            @Override
            public int size() {
                return 4;
            }

            @Override
            public Raster read(int index) {
                return new Raster(3, 2, 1, new byte[] {(byte) index, 0, 0, 0, 0, 0});
            }

            @Override
            public ImageAnnotations annotations() {
                return labels;
            }
        };
        Path out = dir.resolve("animals");
        ImageExport.write(animals, new int[] {3, 1}, out, ImageExport.LABELS_CSV, n -> { });
        assertEquals(List.of("file,label,fluffy", "000000.png,cat,no", "000001.png,dog,no"),
                Files.readAllLines(out.resolve(ImageExport.LABELS_CSV)));
        BufferedImage second = ImageIO.read(out.resolve("000001.png").toFile());
        assertEquals(3, second.getWidth(), "written at the source's own size");
        assertEquals(1, second.getRaster().getSample(0, 0, 0), "000001.png is image 1");

        assertThrows(IllegalArgumentException.class,
                () -> ImageExport.write(animals, new int[] {4}, dir.resolve("x"), ImageExport.LABELS_CSV, n -> { }));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void aSampleIsSeededDistinctAndInOrderAndTakesAllWhenAskedForAsMany() {
        int[] a = ImageExport.sample(1000, 20, 7);
        assertEquals(20, a.length);
        assertEquals(20, java.util.Arrays.stream(a).distinct().count());
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i]);
        }
        assertTrue(a[0] >= 0 && a[19] < 1000);
        assertTrue(java.util.Arrays.equals(a, ImageExport.sample(1000, 20, 7)), "same seed, same sample");
        assertFalse(java.util.Arrays.equals(a, ImageExport.sample(1000, 20, 8)), "another seed, another sample");
        assertFalse(java.util.Arrays.equals(a, java.util.stream.IntStream.range(0, 20).toArray()), "not the first 20");
        assertTrue(java.util.Arrays.equals(new int[] {0, 1, 2}, ImageExport.sample(3, 5, 7)));
        assertThrows(IllegalArgumentException.class, () -> ImageExport.sample(3, 0, 7));
    }

    @Test
    void aDataSetDrawnAtAModelSizeExportsItsPixels() {
        ImageDataset shapes = new SyntheticShapes(16, 3, 4, 1);
        RasterSource rasters = ImageExport.rasters(shapes);
        assertEquals(4, rasters.size());
        Raster r = rasters.read(2);
        assertEquals(16, r.width());
        assertEquals(3, r.channels());
        float[] chw = new float[3 * 16 * 16];
        shapes.copyImage(2, chw, 0);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Math.round((chw[c * 256 + y * 16 + x] + 1f) * 127.5f), r.sample(x, y, c));
                }
            }
        }
    }

    private static RasterSource source(String name, int size, java.util.function.IntFunction<Raster> read) {
        return new RasterSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public Raster read(int index) {
                return read.apply(index);
            }
        };
    }
}
