package org.dcganstudio.cli;

import static org.dcganstudio.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sample and score take torch.save weights as they take safetensors, and refuse bad ones in one line. */
class TorchWeightsCliTest {

    private static final String[] TINY_G = {"--nz", "4", "--ngf", "2", "--channels", "1", "--count", "3"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"G.pt", "G_dataparallel.pt", "G_noncontig.pt"})
    void sampleFromTorchSaveMatchesSafetensors(String file) throws Exception {
        byte[] want = sample("G_expected.safetensors", "want.npy");
        assertArrayEquals(want, sample(file, "got.npy"));
    }

    @Test
    void scoreFromTorchSaveMatchesSafetensors() throws Exception {
        Path images = dir.resolve("images.npy");
        Files.write(images, sample("G.pt", "images.npy"));
        for (String d : new String[] {"D_expected.safetensors", "D.pth"}) {
            CliTest.Outcome o = run("score", "--weights", fixture(d), "--ndf", "2", "--channels", "1",
                    "--images", images.toString(), "--npy-out", dir.resolve(d + ".npy").toString());
            assertEquals(0, o.code(), o.err());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("D_expected.safetensors.npy")),
                Files.readAllBytes(dir.resolve("D.pth.npy")));
    }

    @Test
    void exportWeightsConvertsATorchSaveGenerator() throws Exception {
        Path out = dir.resolve("G.safetensors");
        CliTest.Outcome o = run("export-weights", "--weights", fixture("G_dataparallel.pt"), "--g-out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("image_size 32, channels 1, nz 4, ngf 2"), o.out());
        assertArrayEquals(sample("G_expected.safetensors", "want.npy"), sample(out.toString(), "got.npy"));

        CliTest.Outcome d = run("export-weights", "--weights", fixture("D.pth"), "--d-out", out.toString());
        assertEquals(Main.USER_ERROR, d.code(), d.out() + d.err());
        assertTrue(d.err().contains("--weights converts a generator"), d.err());
    }

    @ParameterizedTest
    @CsvSource({"evil_os_system.pt, refused the pickle global 'posix.system'",
        "legacy.pt, a legacy torch.save file"})
    void refusesMaliciousAndLegacyFilesInOneLine(String file, String mentions) {
        Path out = dir.resolve("x.npy");
        CliTest.Outcome o = run(concat("sample", "--weights", fixture(file), "--npy-out", out.toString()));
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith("error: ") && o.err().contains(file) && o.err().contains(mentions), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(Files.exists(out));
    }

    private byte[] sample(String weights, String out) throws Exception {
        Path npy = dir.resolve(out);
        CliTest.Outcome o = run(concat("sample", "--weights", fixture(weights), "--npy-out", npy.toString()));
        assertEquals(0, o.code(), o.err());
        return Files.readAllBytes(npy);
    }

    private static String[] concat(String... head) {
        String[] all = java.util.Arrays.copyOf(head, head.length + TINY_G.length);
        System.arraycopy(TINY_G, 0, all, head.length, TINY_G.length);
        return all;
    }

    private static String fixture(String name) {
        return name.contains("/") ? name : Fixtures.path("torch_pickle/" + name).toString();
    }
}
