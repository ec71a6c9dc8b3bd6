package org.dcganstudio.cli;

import static org.dcganstudio.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.cli.CliTest.Outcome;
import org.dcganstudio.core.data.download.DatasetCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-set command lines: export, inspect and train on what a user has on disk. */
class DatasetsCliTest {

    @Test
    void exportedFacesAreAnImageFolderWithTheirAttributesThatTrainingReads(@TempDir Path tmp) throws IOException {
        Path faces = tmp.resolve("faces");
        Outcome export = run("datasets", "export-faces", "--count", "12", "--out", faces.toString());
        assertEquals(0, export.code(), export.err());
        List<String> csv = Files.readAllLines(faces.resolve("attributes.csv"));
        assertEquals("file,smiling,long_hair,glasses,hair_colour,skin_tone,background", csv.get(0));
        assertEquals(13, csv.size());

        Path preview = tmp.resolve("preview.png");
        Outcome info = run("datasets", "info", faces.toString(), "--image-size", "32", "--preview",
                preview.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("images: 12, as 32×32×3"), info.out());
        assertTrue(info.out().contains("attribute smiling: no, yes"), info.out());
        assertEquals(8 * 34 + 2, ImageIO.read(preview.toFile()).getWidth());

        Path runDir = tmp.resolve("run");
        Outcome train = run("train", "--data", faces.toString(), "--image-size", "32", "--nz", "8", "--ngf", "4",
                "--ndf", "4", "--batch", "4", "--epochs", "1", "--seed", "1", "--device", "cpu", "--run-dir",
                runDir.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("data: faces, 12 images"), train.out());
        // One epoch of 12 images in batches of 4: three steps.
        assertEquals(4, Files.readAllLines(runDir.resolve("metrics.csv")).size());
        assertTrue(Files.readString(runDir.resolve("config.json")).contains(faces.toString()));
    }

    @Test
    void trainingOnAnIdxFileFindsItsLabelsAndResizes(@TempDir Path tmp) throws IOException {
        Path idx = tmp.resolve("train-images-idx3-ubyte");
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 16, 0, 0, 0, 28, 0, 0, 0, 28};
        byte[] file = new byte[16 + 16 * 28 * 28];
        System.arraycopy(header, 0, file, 0, 16);
        for (int i = 16; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        Files.write(idx, file);
        Outcome train = run("train", "--data", idx.toString(), "--image-size", "32", "--channels", "1", "--nz", "8",
                "--ngf", "4", "--ndf", "4", "--batch", "8", "--iterations", "2", "--device", "cpu", "--run-dir",
                tmp.resolve("run").toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(Files.exists(tmp.resolve("run/checkpoints/step-000002.ckpt")));
    }

    @Test
    void badDataIsOneErrorLineNamingIt(@TempDir Path tmp) throws IOException {
        Outcome missing = run("train", "--data", tmp.resolve("nothing-here").toString(), "--iterations", "1",
                "--run-dir", tmp.resolve("r1").toString());
        assertEquals(Main.USER_ERROR, missing.code());
        assertTrue(missing.err().startsWith("error: no such file or folder: " + tmp.resolve("nothing-here")),
                missing.err());
        assertFalse(Files.exists(tmp.resolve("r1")));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Outcome none = run("train", "--data", empty.toString(), "--iterations", "1", "--run-dir",
                tmp.resolve("r2").toString());
        assertEquals(Main.USER_ERROR, none.code());
        assertTrue(none.err().contains(empty.toString()), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());

        Path corrupt = tmp.resolve("bad-images-idx3-ubyte");
        Files.write(corrupt, new byte[] {0, 0, 8, 3, 0, 0, 0, 9, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
        Outcome truncated = run("datasets", "info", corrupt.toString());
        assertEquals(Main.USER_ERROR, truncated.code());
        assertTrue(truncated.err().contains(corrupt.toString()), truncated.err());
    }

    @Test
    void aPublicSetMissingOfflineSaysWhereToPutIt(@TempDir Path tmp) {
        String old = System.getProperty(DatasetCache.ROOT_PROPERTY);
        System.setProperty(DatasetCache.ROOT_PROPERTY, tmp.toString());
        try {
            Outcome info = run("datasets", "info", "cifar-10");
            assertEquals(Main.USER_ERROR, info.code());
            assertTrue(info.err().contains("cifar-10-binary.tar.gz"), info.err());
            assertTrue(info.err().contains(tmp.resolve("datasets").resolve("cifar-10").toString()), info.err());
            Outcome list = run("datasets", "list");
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().contains("cache: " + tmp), list.out());
            assertTrue(list.out().contains("cifar-10") && list.out().contains("not downloaded"), list.out());
        } finally {
            if (old == null) {
                System.clearProperty(DatasetCache.ROOT_PROPERTY);
            } else {
                System.setProperty(DatasetCache.ROOT_PROPERTY, old);
            }
        }
    }
}
