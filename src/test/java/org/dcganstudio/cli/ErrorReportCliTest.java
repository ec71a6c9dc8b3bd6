package org.dcganstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails is one line naming the file; --verbose adds the trace behind it. */
class ErrorReportCliTest {

    private static CliTest.Outcome sampleInto(Path png, String... extra) {
        String[] args = {"sample", "--count", "1", "--png-out", png.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliTest.run(all);
    }

    @Test
    void anUnwritablePngIsOneLineNamingItWithoutATrace(@TempDir Path dir) throws Exception {
        // A folder that is a file: the write cannot succeed, as on a full disk.
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "mine");
        Path png = notAFolder.resolve("grid.png");

        CliTest.Outcome o = sampleInto(png);

        assertEquals(Main.USER_ERROR, o.code(), o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, o.err());
        assertTrue(lines[0].startsWith("error: cannot write " + png), o.err());
        assertEquals("mine", Files.readString(notAFolder));
    }

    @Test
    void verbosePrintsTheTraceAfterTheLine(@TempDir Path dir) throws Exception {
        Path png = Files.writeString(dir.resolve("plain.txt"), "mine").resolve("grid.png");

        CliTest.Outcome o = sampleInto(png, "--verbose");

        assertEquals(Main.USER_ERROR, o.code(), o.err());
        String[] lines = o.err().strip().split("\n");
        assertTrue(lines[0].startsWith("error: cannot write " + png), o.err());
        assertTrue(lines.length > 2 && lines[1].startsWith("java.io.IOException: cannot write "), o.err());
        assertTrue(o.err().contains("\tat org.dcganstudio."), o.err());
    }

    @Test
    void anUnwritableNpyIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path npy = Files.writeString(dir.resolve("plain.txt"), "mine").resolve("images.npy");

        CliTest.Outcome o = CliTest.run("sample", "--count", "1", "--npy-out", npy.toString());

        assertEquals(Main.USER_ERROR, o.code(), o.err());
        assertEquals("error: cannot write " + npy + ": " + dir.resolve("plain.txt") + " (FileAlreadyExistsException)",
                o.err().strip());
    }

    @Test
    void verboseAloneChangesNothingThatWorks() {
        CliTest.Outcome o = CliTest.run("--verbose", "--version");

        assertEquals(0, o.code(), o.err());
        assertFalse(o.out().isBlank());
    }
}
