package org.dcganstudio.cli;

import static org.dcganstudio.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.cli.CliTest.Outcome;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset export}: a seeded sample of any data set, as PNGs at their own size with labels.csv. */
class DatasetExportCliTest {

    @TempDir
    Path tmp;

    @Test
    void facesExportAsASeededSampleWithTheirAttributes() throws IOException {
        Path out = tmp.resolve("faces");
        Outcome o = run("dataset", "export", "--data", "synthetic-faces:200", "--count", "5", "--seed", "3", "--out",
                out.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        List<String> csv = Files.readAllLines(out.resolve("labels.csv"));
        assertEquals("file,smiling,long_hair,glasses,hair_colour,skin_tone,background", csv.get(0));
        assertEquals(6, csv.size());
        assertEquals(List.of("000000.png", "000001.png", "000002.png", "000003.png", "000004.png", "labels.csv"),
                listing(out));

        // Each row is the face its PNG shows: find every exported face among the data set's.
        SyntheticFaces faces = new SyntheticFaces(200, DataSpec.FACES_SEED);
        ImageAnnotations labels = faces.annotations();
        int previous = -1;
        for (int row = 0; row < 5; row++) {
            BufferedImage png = ImageIO.read(out.resolve(String.format("%06d.png", row)).toFile());
            assertEquals(SyntheticFaces.IMAGE_SIZE, png.getWidth(), "the faces' own size");
            int index = indexOf(faces, png);
            assertTrue(index > previous, "row " + row + " is a face after the previous row's (" + index + ")");
            previous = index;
            String[] cells = csv.get(row + 1).split(",", -1);
            for (int a = 0; a < SyntheticFaces.ATTRIBUTES.size(); a++) {
                Attribute attribute = SyntheticFaces.ATTRIBUTES.get(a);
                assertEquals(attribute.levels().get(labels.value(index, a)), cells[a + 1],
                        "row " + row + " " + attribute);
            }
        }
        assertTrue(previous > 4, "a random sample, not the first five faces");

        Path again = tmp.resolve("again");
        assertEquals(0, run("dataset", "export", "--data", "synthetic-faces:200", "--count", "5", "--seed", "3",
                "--out", again.toString()).code());
        assertEquals(csv, Files.readAllLines(again.resolve("labels.csv")), "the same seed picks the same faces");
    }

    @Test
    void anIdxFileExportsAllItsImagesAtTheirSizeWithClassLabels() throws IOException {
        int count = 6;
        int rows = 4;
        int cols = 5;
        ByteBuffer images = ByteBuffer.allocate(16 + count * rows * cols);
        images.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            images.put((byte) (i * 7));
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + count);
        labels.putInt(0x00000801).putInt(count).put(new byte[] {3, 1, 4, 1, 5, 9});
        Path dir = Files.createDirectories(tmp.resolve("digits"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels.array());

        Path out = tmp.resolve("out");
        Outcome o = run("dataset", "export", "--data", dir.resolve("train-images-idx3-ubyte").toString(), "--count",
                "10", "--out", out.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        assertEquals(List.of("file,label", "000000.png,3", "000001.png,1", "000002.png,4", "000003.png,1",
                "000004.png,5", "000005.png,9"), Files.readAllLines(out.resolve("labels.csv")), "--count above the "
                + "size takes every image, in order");
        BufferedImage third = ImageIO.read(out.resolve("000002.png").toFile());
        assertEquals(cols, third.getWidth());
        assertEquals(rows, third.getHeight());
        assertEquals(1, third.getRaster().getNumBands(), "grey stays grey");
        assertEquals((2 * rows * cols + 1) * 7 & 0xFF, third.getRaster().getSample(1, 0, 0));
    }

    @Test
    void anImageFolderKeepsEachFilesSizeAndItsClassFolder() throws IOException {
        Path folder = tmp.resolve("animals");
        write(folder.resolve("cat/a.png"), 6, 4);
        write(folder.resolve("cat/b.png"), 6, 4);
        write(folder.resolve("dog/c.png"), 3, 5);
        write(folder.resolve("dog/d.png"), 3, 5);
        Path out = tmp.resolve("out");
        Outcome o = run("dataset", "export", "--data", folder.toString(), "--count", "3", "--seed", "2", "--out",
                out.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        List<String> csv = Files.readAllLines(out.resolve("labels.csv"));
        assertEquals("file,label", csv.get(0));
        assertEquals(4, csv.size());
        for (int row = 0; row < 3; row++) {
            String[] cells = csv.get(row + 1).split(",");
            BufferedImage png = ImageIO.read(out.resolve(cells[0]).toFile());
            assertEquals(cells[1].equals("cat") ? 6 : 3, png.getWidth(), csv.get(row + 1));
            assertEquals(cells[1].equals("cat") ? 4 : 5, png.getHeight(), csv.get(row + 1));
        }
    }

    @Test
    void drawnSetsTakeASizeAndOtherMistakesAreOneErrorLine() throws IOException {
        Path shapes = tmp.resolve("shapes");
        Outcome o = run("dataset", "export", "--data", "synthetic-shapes:50", "--count", "2", "--image-size", "32",
                "--channels", "1", "--out", shapes.toString());
        assertEquals(0, o.code(), o.err() + o.out());
        assertEquals(List.of("file", "000000.png", "000001.png"), Files.readAllLines(shapes.resolve("labels.csv")));
        BufferedImage png = ImageIO.read(shapes.resolve("000000.png").toFile());
        assertEquals(32, png.getWidth());
        assertEquals(1, png.getRaster().getNumBands());

        Outcome sized = run("dataset", "export", "--data", "synthetic-faces:20", "--count", "2", "--image-size", "32",
                "--out", tmp.resolve("x").toString());
        assertEquals(Main.USER_ERROR, sized.code());
        assertTrue(sized.err().contains("--image-size"), sized.err());
        Outcome taken = run("dataset", "export", "--data", "synthetic-faces:20", "--count", "2", "--out",
                shapes.toString());
        assertEquals(Main.USER_ERROR, taken.code());
        assertTrue(taken.err().contains(shapes.toString()) && taken.err().contains("not an empty folder"), taken.err());
        Outcome unknown = run("dataset", "export", "--data", "no-such-set", "--count", "2", "--out",
                tmp.resolve("y").toString());
        assertEquals(Main.USER_ERROR, unknown.code());
        assertTrue(unknown.err().contains("no-such-set"), unknown.err());
        assertFalse(Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("y")));
    }

    private static int indexOf(SyntheticFaces faces, BufferedImage png) {
        for (int i = 0; i < faces.size(); i++) {
            Raster face = faces.read(i);
            boolean same = true;
            for (int y = 0; y < face.height() && same; y += 7) {
                for (int x = 0; x < face.width() && same; x += 7) {
                    int rgb = png.getRGB(x, y);
                    same = face.sample(x, y, 0) == (rgb >> 16 & 0xFF) && face.sample(x, y, 1) == (rgb >> 8 & 0xFF)
                            && face.sample(x, y, 2) == (rgb & 0xFF);
                }
            }
            if (same) {
                return i;
            }
        }
        throw new AssertionError("the exported face is none of the data set's");
    }

    private static void write(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x336699);
        ImageIO.write(image, "png", file.toFile());
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
