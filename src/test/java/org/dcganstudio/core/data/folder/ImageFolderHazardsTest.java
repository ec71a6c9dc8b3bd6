package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.rgb;
import static org.dcganstudio.core.data.folder.TestImages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folders that used to hang a scan, fail it whole, or keep it running after nobody wanted it. */
class ImageFolderHazardsTest {

    @TempDir
    Path dir;

    /**
     * Opening a pipe blocks until a writer comes, so the old scan never returned; the timeout runs
     * the test on another thread because a blocked open ignores interrupts.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeNamedLikeAnImageIsSkippedAndReportedUnopened() throws Exception {
        write(rgb(3, 3, 1), "png", dir.resolve("a.png"));
        shell("mkfifo", "x.png");

        ImageFolder folder = ImageFolder.open(dir, new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 1));

        assertEquals(1, folder.size());
        assertEquals(List.of(new ScanReport.Skipped("x.png", ImageFolder.NOT_REGULAR)), folder.report().skipped());
        assertTrue(folder.warnings().get(0).contains("x.png (not a regular file but a pipe"), folder.warnings().get(0));
    }

    /** Training reads files long after the scan; one swapped for a pipe meanwhile is an error, not a hang. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anImageReplacedByAPipeAfterTheScanIsRefusedWhenRead() throws Exception {
        write(rgb(3, 3, 1), "png", dir.resolve("a.png"));
        write(rgb(3, 3, 2), "png", dir.resolve("b.png"));
        ImageFolder folder = ImageFolder.open(dir, new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 1));
        Files.delete(dir.resolve("b.png"));
        shell("mkfifo", "b.png");

        DataException e = assertThrows(DataException.class, () -> folder.read(1));

        assertEquals(dir.resolve("b.png") + " is " + ImageFolder.NOT_REGULAR, e.getMessage());
        assertEquals(3, folder.read(0).width());
    }

    /**
     * The test JVM names files in UTF-8, where a Latin-1 "é" byte is no valid name text: the old scan
     * skipped the file as "not a readable image" after failing to open a file of another name.
     * Under {@code LC_ALL=C} (ASCII) the same text cannot be made a path at all, and the old scan
     * failed the whole folder; {@link #underTheCLocaleTheRestOfTheFolderStillLoads} runs that case.
     */
    @Test
    void aFileWhoseNameIsNotValidInTheFileNameEncodingIsSkippedAndTheRestLoads() throws Exception {
        assumeTrue(StandardCharsets.UTF_8.name().equals(System.getProperty("sun.jnu.encoding")),
                "this JVM names files in " + System.getProperty("sun.jnu.encoding"));
        write(rgb(3, 3, 1), "png", dir.resolve("a.png"));
        write(rgb(3, 3, 2), "png", dir.resolve("b.png"));
        shell("sh", "-c", "mv b.png \"$(printf 'caf\\351.png')\"");

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(List.of("a.png"), List.of(folder.relativePath(0)));
        assertEquals(1, folder.report().skipped().size());
        ScanReport.Skipped skipped = folder.report().skipped().get(0);
        assertEquals("caf\uFFFD.png", skipped.file());
        assertEquals(FileNames.unreadableName(), skipped.reason());
    }

    @Test
    void underTheCLocaleTheRestOfTheFolderStillLoads() throws Exception {
        write(rgb(3, 3, 1), "png", dir.resolve("a.png"));
        write(rgb(3, 3, 2), "png", dir.resolve("b.png"));
        shell("sh", "-c", "mv b.png \"$(printf 'caf\\351.png')\"");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ScanProbe.class.getName(), dir.toString())
                .redirectErrorStream(true);
        child.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        child.environment().put("LC_ALL", "C");
        Process p = child.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assumeTrue(out.startsWith("encoding ANSI_X3.4-1968"), "the C locale is not ASCII here: " + out);
        assertTrue(out.contains("\nkept a.png\n"), out);
        assertTrue(out.contains("\nskipped caf"), out);
        assertTrue(out.contains("file-name encoding (ANSI_X3.4-1968)"), out);
    }

    @Test
    void aCancelledScanStopsAtTheNextFile() {
        for (int i = 0; i < 50; i++) {
            write(rgb(2, 2, i), "png", dir.resolve("d" + i % 5 + "/img" + i + ".png"));
        }
        AtomicInteger asked = new AtomicInteger();
        int allowed = 10;
        ScanOptions options = new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 1)
                .cancelledWhen(() -> asked.incrementAndGet() > allowed);

        CancellationException e = assertThrows(CancellationException.class, () -> ImageFolder.open(dir, options));

        assertEquals("scanning " + dir + " was cancelled", e.getMessage());
        assertEquals(allowed + 1, asked.get(), "nothing was looked at after the cancel was seen");
    }

    @Test
    void aCancelWhileHeadersAreReadStopsEveryReader() {
        for (int i = 0; i < 400; i++) {
            write(rgb(2, 2, i), "png", dir.resolve("img" + i + ".png"));
        }
        AtomicInteger asked = new AtomicInteger();
        // The walk asks once per folder and file (401 times); then the header readers start.
        int walk = 401;
        ScanOptions options = new ScanOptions(ScanOptions.DEFAULT_MAX_PIXELS, 4)
                .cancelledWhen(() -> asked.incrementAndGet() > walk + 20);

        assertThrows(CancellationException.class, () -> ImageFolder.open(dir, options));

        assertTrue(asked.get() < walk + 20 + 4 + 2, "each of 4 readers stops at its next file: " + asked.get());
    }

    private void shell(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
        } catch (IOException e) {
            assumeTrue(false, command[0] + " is not available here: " + e.getMessage());
        }
    }
}
