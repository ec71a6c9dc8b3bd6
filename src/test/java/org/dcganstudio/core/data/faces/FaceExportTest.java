package org.dcganstudio.core.data.faces;

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
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceExportTest {

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
        FaceExport.write(faces, 20, out, progress::add);

        assertEquals(20, progress.size());
        assertEquals(20L, progress.get(19));
        List<String> files = listing(out);
        assertEquals(21, files.size());
        assertEquals("000000.png", files.get(0));
        assertEquals("000019.png", files.get(19));
        assertEquals(FaceExport.ATTRIBUTES_CSV, files.get(20));
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

        List<String> lines = Files.readAllLines(out.resolve(FaceExport.ATTRIBUTES_CSV));
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
        assertThrows(InterruptedException.class, () -> FaceExport.write(new SyntheticFaces(30, 1), 30, out, n -> {
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
        FaceExport.write(new SyntheticFaces(2, 1), 2, empty, n -> { });
        assertEquals(3, listing(empty).size());

        Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> FaceExport.write(new SyntheticFaces(2, 1), 2, taken, n -> { }));
        assertTrue(e.getMessage().contains("taken"), e.getMessage());
        assertEquals(List.of("keep.txt"), listing(taken));
        assertEquals(List.of("empty", "taken"), listing(dir));
    }

    @Test
    void rejectsCountsOutsideTheSource() {
        SyntheticFaces faces = new SyntheticFaces(5, 1);
        Path out = dir.resolve("x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaceExport.write(faces, 6, out, n -> { }))
                .getMessage().contains("got 6"));
        assertThrows(IllegalArgumentException.class, () -> FaceExport.write(faces, 0, out, n -> { }));
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
        FaceExport.write(grey, 2, out, n -> { });
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
                () -> FaceExport.write(labelled, 2, dir.resolve("commas"), n -> { })).getMessage()
                .contains("'big, very'"));
        assertFalse(Files.exists(dir.resolve("commas")));
    }
}
