package org.dcganstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private TestServer server;
    private final byte[] images = bytes(1_000_000, 1);
    private final byte[] labels = bytes(5_000, 2);

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsEveryFileWithProgressEndingAtTheTotal() {
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images)),
                file("labels.gz", labels, server.put("labels.gz", labels))));
        List<long[]> calls = new CopyOnWriteArrayList<>();
        List<String> names = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        Path folder = assertTimeoutPreemptively(LIMIT, () -> new Downloader(cache).fetch("digits",
                (file, done, total) -> {
                    names.add(file);
                    calls.add(new long[] {done, total});
                }));
        long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(cache.folder("digits"), folder);
        assertContent(folder.resolve("images.gz"), images);
        assertContent(folder.resolve("labels.gz"), labels);
        assertFalse(Files.exists(folder.resolve("images.gz.part")));
        assertFalse(Files.exists(folder.resolve("labels.gz.part")));
        assertEquals(cache.locate("digits").orElseThrow(), folder);

        assertEquals("images.gz", names.get(0));
        assertEquals("labels.gz", names.get(names.size() - 1));
        int lastImages = names.lastIndexOf("images.gz");
        long previous = -1;
        for (int i = 0; i <= lastImages; i++) {
            assertTrue(calls.get(i)[0] >= previous, "progress went backwards at call " + i);
            previous = calls.get(i)[0];
        }
        assertArrayEquals(new long[] {images.length, images.length}, calls.get(lastImages));
        assertArrayEquals(new long[] {labels.length, labels.length}, calls.get(calls.size() - 1));
        assertTrue(calls.size() <= 4 + 2 * (elapsedMillis / 100 + 1), calls.size() + " calls in " + elapsedMillis + " ms");
    }

    @Test
    void resumesAPartialFileWithARangeRequest() throws IOException {
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        Path part = writePart(cache, "images.gz", Arrays.copyOf(images, images.length / 2));

        Path folder = fetch(cache);

        assertEquals(List.of("bytes=" + images.length / 2 + "-"), server.ranges);
        assertEquals(images.length - images.length / 2, server.served.get());
        assertContent(folder.resolve("images.gz"), images);
        assertFalse(Files.exists(part));
    }

    @Test
    void startsAgainWhenTheServerIgnoresTheRange() throws IOException {
        server.honourRanges = false;
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        writePart(cache, "images.gz", Arrays.copyOf(images, 300_000));

        Path folder = fetch(cache);

        assertEquals(List.of("bytes=300000-"), server.ranges);
        assertEquals(images.length, server.served.get());
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void aPartHoldingTheWholeFileIsVerifiedWithoutDownloading() throws IOException {
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        writePart(cache, "images.gz", images);

        Path folder = fetch(cache);

        assertEquals(0, server.served.get(), "the server answers 416 to a range past the end");
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void checksumMismatchNamesTheFileAndBothDigestsAndKeepsNothing() {
        byte[] corrupt = images.clone();
        corrupt[12_345] ^= 1;
        RemoteFile expected = file("images.gz", images, server.put("images.gz", corrupt));
        DatasetCache cache = cache(set(expected));

        DataException e = assertThrows(DataException.class, () -> fetch(cache));

        assertTrue(e.getMessage().contains(cache.folder("digits").resolve("images.gz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected.sha256()), e.getMessage());
        assertTrue(e.getMessage().contains(sha256(corrupt)), e.getMessage());
        assertFalse(Files.exists(cache.folder("digits").resolve("images.gz")));
        assertFalse(Files.exists(cache.folder("digits").resolve("images.gz.part")));
    }

    @Test
    void triesTheNextAddressAfterA404() {
        URI missing = server.uri("gone/images.gz");
        URI mirror = server.put("mirror/images.gz", images);
        DatasetCache cache = cache(set(new RemoteFile("images.gz", List.of(missing, mirror), images.length,
                sha256(images))));

        Path folder = fetch(cache);

        assertEquals(2, server.ranges.size());
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void aDroppedConnectionResumesFromTheNextAddress() {
        URI flaky = server.put("flaky/images.gz", images);
        server.dropAfter.put("flaky/images.gz", 250_000);
        URI mirror = server.put("mirror/images.gz", images);
        DatasetCache cache = cache(set(new RemoteFile("images.gz", List.of(flaky, mirror), images.length,
                sha256(images))));

        Path folder = fetch(cache);

        assertEquals(List.of("", "bytes=250000-"), server.ranges);
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void unreachableServerExplainsHowToWorkOffline() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        RemoteDataset set = new RemoteDataset("digits", "Digits", List.of(
                file("images.gz", images, closed.resolve("images.gz")),
                file("labels.gz", labels, closed.resolve("labels.gz"))), List.of(), "dataset-digits");
        DatasetCache cache = cache(set);

        DataException e = assertThrows(DataException.class, () -> fetch(cache));

        String message = e.getMessage();
        assertTrue(message.startsWith("could not download data set digits (offline?): no address served images.gz"), message);
        assertTrue(message.contains("put these files in " + cache.folder("digits")), message);
        assertTrue(message.contains("images.gz  from " + closed.resolve("images.gz")), message);
        assertTrue(message.contains("labels.gz  from " + closed.resolve("labels.gz")), message);
        assertTrue(message.contains("apt-get install dataset-digits"), message);
        assertTrue(message.lines().count() >= 5, message);
    }

    @Test
    void cancellingKeepsThePartForALaterResume() throws IOException {
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        Path part = cache.folder("digits").resolve("images.gz.part");

        assertThrows(CancellationException.class, () -> assertTimeoutPreemptively(LIMIT,
                () -> new Downloader(cache).fetch("digits", DownloadListener.NONE,
                        () -> DatasetCache.sizeOf(part) >= 200_000)));
        long kept = Files.size(part);
        assertTrue(kept >= 200_000 && kept < images.length, "kept " + kept);
        assertFalse(Files.exists(cache.folder("digits").resolve("images.gz")));

        Path folder = fetch(cache);

        assertEquals("bytes=" + kept + "-", server.ranges.get(1));
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void interruptStopsAStalledReadAndKeepsThePart() throws Exception {
        server.stallAt = 400_000;
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        Path part = cache.folder("digits").resolve("images.gz.part");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                new Downloader(cache).fetch("digits", DownloadListener.NONE);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (DatasetCache.sizeOf(part) < 400_000) {
            assertTrue(System.nanoTime() < deadline, "the first 400,000 bytes never arrived");
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join(LIMIT.toMillis());
        assertFalse(worker.isAlive(), "the interrupt did not stop the download");
        assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(interrupted.get(), "the interrupt must stay set for the caller");
        assertEquals(400_000, Files.size(part));

        server.stallAt = -1;
        server.release.countDown();
        Path folder = fetch(cache);

        assertEquals("bytes=400000-", server.ranges.get(1));
        assertContent(folder.resolve("images.gz"), images);
    }

    @Test
    void aCompleteSystemFolderIsUsedWithoutDownloading() throws IOException {
        Path system = Files.createDirectories(tmp.resolve("system"));
        Files.write(system.resolve("images.gz"), new byte[] {1, 2, 3});
        RemoteDataset set = new RemoteDataset("digits", "Digits",
                List.of(file("images.gz", images, server.put("images.gz", images))), List.of(system), "");

        assertEquals(system, fetch(cache(set)));
        assertTrue(server.ranges.isEmpty());
    }

    @Test
    void aSecondDownloadOfTheSameSetIsRefused() throws IOException {
        DatasetCache cache = cache(set(file("images.gz", images, server.put("images.gz", images))));
        Path folder = Files.createDirectories(cache.folder("digits"));
        try (FileChannel channel = FileChannel.open(folder.resolve(".download.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            DataException e = assertThrows(DataException.class, () -> fetch(cache));
            assertTrue(e.getMessage().contains("already writing to " + folder), e.getMessage());
        }
        assertTrue(server.ranges.isEmpty());
    }

    @Test
    void garbageUnderAFilesOwnNameIsMovedAsideAndDownloadedAgain() throws IOException {
        DatasetCache cache = cache(set(file("labels.gz", labels, server.put("labels.gz", labels))));
        Path folder = Files.createDirectories(cache.folder("digits"));
        byte[] garbage = labels.clone();
        garbage[0] ^= 1;
        Files.write(folder.resolve("labels.gz"), garbage);

        assertEquals(folder, fetch(cache));

        assertContent(folder.resolve("labels.gz"), labels);
        assertContent(folder.resolve("labels.gz" + CachedFiles.REJECTED_SUFFIX), garbage);
        assertEquals(List.of(""), server.ranges);
    }

    @Test
    void aPartLongerThanTheFileIsDeletedAndTheDownloadStartsAfresh() throws IOException {
        DatasetCache cache = cache(set(file("labels.gz", labels, server.put("labels.gz", labels))));
        writePart(cache, "labels.gz", bytes(labels.length + 1, 3));

        Path folder = fetch(cache);

        assertContent(folder.resolve("labels.gz"), labels);
        assertEquals(List.of(""), server.ranges);
    }

    @Test
    void aServerAnnouncingMoreThanTheCatalogsSizeIsRefusedNamingTheUrlAndTheLimit() {
        URI url = server.put("labels.gz", bytes(labels.length + 1, 2));
        DatasetCache cache = cache(set(file("labels.gz", labels, url)));

        DataException e = assertThrows(DataException.class, () -> fetch(cache));

        assertTrue(e.getMessage().contains(url + ": labels.gz is " + labels.length + " bytes (the catalog's size,"
                + " the limit) but the server announced " + (labels.length + 1) + " bytes"), e.getMessage());
        assertFalse(Files.exists(cache.folder("digits").resolve("labels.gz.part")));
    }

    @Test
    void aServerSendingMoreThanTheCatalogsSizeUnannouncedIsCutOffAtTheLimit() {
        server.chunked = true;
        URI url = server.put("images.gz", bytes(images.length * 2, 1));
        DatasetCache cache = cache(set(file("images.gz", images, url)));

        DataException e = assertThrows(DataException.class, () -> fetch(cache));

        assertTrue(e.getMessage().contains(url + ": images.gz is " + images.length + " bytes (the catalog's size,"
                + " the limit) but the server sent more than that"), e.getMessage());
        assertFalse(Files.exists(cache.folder("digits").resolve("images.gz.part")));
    }

    private Path fetch(DatasetCache cache) {
        return assertTimeoutPreemptively(LIMIT, () -> new Downloader(cache).fetch("digits", DownloadListener.NONE));
    }

    private DatasetCache cache(RemoteDataset set) {
        return new DatasetCache(tmp.resolve("cache"), new DatasetCatalog(List.of(set)));
    }

    private static RemoteDataset set(RemoteFile... files) {
        return new RemoteDataset("digits", "Digits", List.of(files), List.of(), "");
    }

    private static RemoteFile file(String name, byte[] content, URI url) {
        return new RemoteFile(name, List.of(url), content.length, sha256(content));
    }

    private static Path writePart(DatasetCache cache, String name, byte[] content) throws IOException {
        Path part = Files.createDirectories(cache.folder("digits")).resolve(name + ".part");
        Files.write(part, content);
        return part;
    }

    private static void assertContent(Path file, byte[] expected) {
        try {
            assertArrayEquals(expected, Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static byte[] bytes(int n, long seed) {
        return DatasetCacheTest.content(n, seed);
    }

    private static String sha256(byte[] content) {
        return DatasetCacheTest.sha256(content);
    }
}
