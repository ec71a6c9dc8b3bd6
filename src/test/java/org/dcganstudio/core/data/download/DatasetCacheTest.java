package org.dcganstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {

    @TempDir
    Path tmp;

    private static final byte[] IMAGES = content(1000, 1);
    private static final byte[] LABELS = content(10, 2);
    private static final Map<String, byte[]> CONTENT = Map.of("images.gz", IMAGES, "labels.gz", LABELS);

    private final RemoteFile images = remote("images.gz", IMAGES);
    private final RemoteFile labels = remote("labels.gz", LABELS);

    private DatasetCache cache() {
        RemoteDataset set = new RemoteDataset("digits", "Digits", List.of(images, labels),
                List.of(tmp.resolve("system/digits")), "");
        return new DatasetCache(tmp.resolve("cache"), new DatasetCatalog(List.of(set)));
    }

    @Test
    void rootFollowsPropertyThenVariableThenXdgThenHome() {
        Map<String, String> props = Map.of("user.home", "/home/ada", DatasetCache.ROOT_PROPERTY, "/p");
        Map<String, String> env = Map.of(DatasetCache.ROOT_VARIABLE, "/e", "XDG_CACHE_HOME", "/xdg");
        assertEquals(Path.of("/p"), DatasetCache.defaultRoot(props::get, env::get));
        Map<String, String> home = Map.of("user.home", "/home/ada");
        assertEquals(Path.of("/e"), DatasetCache.defaultRoot(home::get, env::get));
        assertEquals(Path.of("/xdg/dcgan-studio"),
                DatasetCache.defaultRoot(home::get, Map.of("XDG_CACHE_HOME", "/xdg")::get));
        assertEquals(Path.of("/home/ada/.cache/dcgan-studio"),
                DatasetCache.defaultRoot(home::get, Map.of("XDG_CACHE_HOME", "relative")::get));
        assertEquals(Path.of("/home/ada/.cache/dcgan-studio"),
                DatasetCache.defaultRoot(home::get, Map.of(DatasetCache.ROOT_VARIABLE, " ")::get));
    }

    @Test
    void dataSetsLiveUnderDatasetsInTheRoot() {
        assertEquals(tmp.resolve("cache/datasets/digits"), cache().folder("digits"));
    }

    @Test
    void systemFolderIsPreferredToACompleteCache() throws IOException {
        DatasetCache cache = cache();
        Path system = put(tmp.resolve("system/digits"), "images.gz", "labels.gz");
        put(cache.folder("digits"), "images.gz", "labels.gz");
        assertEquals(Optional.of(system), cache.locate("digits"));
        DatasetStatus status = cache.status("digits");
        assertTrue(status.available());
        assertTrue(status.files().stream().allMatch(f -> f.state() == DatasetStatus.State.SYSTEM));
        assertEquals(0, status.remainingBytes());
    }

    @Test
    void completeCacheFolderIsFound() throws IOException {
        DatasetCache cache = cache();
        put(tmp.resolve("system/digits"), "images.gz");
        Path folder = put(cache.folder("digits"), "images.gz", "labels.gz");
        assertEquals(Optional.of(folder), cache.locate("digits"));
        assertTrue(cache.status("digits").files().stream().allMatch(f -> f.state() == DatasetStatus.State.CACHED));
    }

    @Test
    void partialDownloadsDoNotCount() throws IOException {
        DatasetCache cache = cache();
        Path folder = put(cache.folder("digits"), "labels.gz");
        Files.write(folder.resolve("images.gz.part"), new byte[300]);
        assertEquals(Optional.empty(), cache.locate("digits"));
        DatasetStatus status = cache.status("digits");
        assertFalse(status.available());
        assertEquals(DatasetStatus.State.PARTIAL, status.files().get(0).state());
        assertEquals(300, status.files().get(0).bytes());
        assertEquals(folder.resolve("images.gz.part"), status.files().get(0).path());
        assertEquals(DatasetStatus.State.CACHED, status.files().get(1).state());
        assertEquals(700, status.remainingBytes());
    }

    @Test
    void missingFilesAreReportedWhereTheyWouldGo() {
        DatasetCache cache = cache();
        DatasetStatus status = cache.status("digits");
        assertEquals(List.of(DatasetStatus.State.MISSING, DatasetStatus.State.MISSING),
                status.files().stream().map(DatasetStatus.FileStatus::state).toList());
        assertEquals(cache.folder("digits").resolve("labels.gz"), status.files().get(1).path());
        assertEquals(1010, status.remainingBytes());
        assertFalse(Files.exists(tmp.resolve("cache")), "looking must not create the cache");
    }

    @Test
    void aCachedFileOfTheRightSizeButWrongContentCountsAsMissing() throws IOException {
        DatasetCache cache = cache();
        byte[] garbage = IMAGES.clone();
        garbage[500] ^= 1;
        Path folder = cachedWith(cache, "images.gz", garbage);

        assertEquals(Optional.empty(), cache.locate("digits"));
        DatasetStatus status = cache.status("digits");
        assertEquals(DatasetStatus.State.MISSING, status.files().get(0).state());
        assertEquals(DatasetStatus.State.CACHED, status.files().get(1).state());
        assertEquals(1000, status.remainingBytes());
        assertTrue(Files.exists(folder.resolve("images.gz")), "looking must not move anything");
    }

    @Test
    void aCachedFileOfTheWrongSizeCountsAsMissingAndARepairedOneIsFoundAgain() throws IOException {
        DatasetCache cache = cache();
        Path folder = cachedWith(cache, "labels.gz", new byte[] {1, 2, 3});
        assertEquals(Optional.empty(), cache.locate("digits"));
        put(folder, "labels.gz");
        assertEquals(Optional.of(folder), cache.locate("digits"));
    }

    // Both files cached, then one overwritten as a disk error or a copy by hand would.
    private static Path cachedWith(DatasetCache cache, String name, byte[] content) throws IOException {
        Path folder = put(cache.folder("digits"), "images.gz", "labels.gz");
        Files.write(folder.resolve(name), content);
        return folder;
    }

    private static Path put(Path folder, String... names) throws IOException {
        Files.createDirectories(folder);
        for (String name : names) {
            Files.write(folder.resolve(name), CONTENT.get(name));
        }
        return folder;
    }

    private static RemoteFile remote(String name, byte[] content) {
        return new RemoteFile(name, List.of(URI.create("http://host/" + name)), content.length, sha256(content));
    }

    static byte[] content(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
