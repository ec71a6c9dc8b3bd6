package org.dcganstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    private static final String DIGEST = "ab".repeat(32);

    @Test
    void standardCatalogKnowsMnistFashionAndCifar() {
        DatasetCatalog catalog = DatasetCatalog.standard();
        assertEquals(List.of("mnist", "fashion-mnist", "cifar-10"),
                catalog.datasets().stream().map(RemoteDataset::name).toList());
        RemoteDataset mnist = catalog.get("mnist");
        assertEquals(4, mnist.files().size());
        assertEquals(List.of(
                URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/train-images-idx3-ubyte.gz"),
                URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz")),
                mnist.files().get(0).urls());
        RemoteDataset fashion = catalog.get("fashion-mnist");
        assertEquals(List.of(Path.of("/usr/share/datasets/fashion-mnist")), fashion.systemFolders());
        assertEquals("dataset-fashion-mnist", fashion.debianPackage());
        RemoteFile cifar = catalog.get("cifar-10").files().get(0);
        assertEquals(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), cifar.urls().get(0));
        assertEquals(170_052_171, cifar.size());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetCatalog.standard().get("kmnist"));
        assertTrue(e.getMessage().contains("'kmnist'") && e.getMessage().contains("mnist, fashion-mnist, cifar-10"),
                e.getMessage());
        assertTrue(DatasetCatalog.standard().find("kmnist").isEmpty());
    }

    @Test
    void fileEntriesRejectBadNamesUrlsAndDigests() {
        List<URI> url = List.of(URI.create("http://host/x"));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("../x", url, 1, DIGEST));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile(".hidden", url, 1, DIGEST));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("x", List.of(), 1, DIGEST));
        assertThrows(IllegalArgumentException.class,
                () -> new RemoteFile("x", List.of(URI.create("file:///etc/passwd")), 1, DIGEST));
        IllegalArgumentException digest = assertThrows(IllegalArgumentException.class,
                () -> new RemoteFile("x", url, 1, "abc"));
        assertTrue(digest.getMessage().contains("'abc'"), digest.getMessage());
        assertEquals(DIGEST, new RemoteFile("x", url, 1, DIGEST.toUpperCase()).sha256());
    }

    @Test
    void dataSetsRejectDuplicateFilesAndNames() {
        RemoteFile file = new RemoteFile("x", List.of(URI.create("http://host/x")), 1, DIGEST);
        assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataset("set", "A set", List.of(file, file), List.of(), ""));
        assertThrows(IllegalArgumentException.class,
                () -> new RemoteDataset("Set/..", "A set", List.of(file), List.of(), ""));
        RemoteDataset set = new RemoteDataset("set", "A set", List.of(file), List.of(), "");
        assertThrows(IllegalArgumentException.class, () -> new DatasetCatalog(List.of(set, set)));
    }
}
