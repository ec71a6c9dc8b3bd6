package org.dcganstudio.core.data.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data sets that can be downloaded, by name. */
public final class DatasetCatalog {

    /** Where system-wide copies live, one sub-folder per data set, as Debian's dataset packages do. */
    public static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

    private static final List<URI> MNIST = List.of(
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"));
    // Plain http: that is the address Zalando publishes; the digests protect the content.
    private static final List<URI> FASHION = List.of(
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
    private static final List<URI> CIFAR = List.of(URI.create("https://www.cs.toronto.edu/~kriz/"));

    private static final DatasetCatalog STANDARD = new DatasetCatalog(List.of(
            published("mnist", "MNIST handwritten digits: 70,000 grey 28x28 images, 10 classes", "",
                    idxFiles(MNIST,
                            9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                            28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                            1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                            4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            published("fashion-mnist", "Fashion-MNIST clothing: 70,000 grey 28x28 images, 10 classes",
                    "dataset-fashion-mnist",
                    idxFiles(FASHION,
                            26_421_880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                            29_515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                            4_422_102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                            5_148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            published("cifar-10", "CIFAR-10 small photos: 60,000 colour 32x32 images, 10 classes", "", List.of(
                    RemoteFile.at(CIFAR, "cifar-10-binary.tar.gz", 170_052_171,
                            "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")))));

    private final Map<String, RemoteDataset> byName = new LinkedHashMap<>();

    /**
     * A catalog of the given data sets, kept in their order.
     *
     * @throws IllegalArgumentException if two share a name
     */
    public DatasetCatalog(List<RemoteDataset> datasets) {
        for (RemoteDataset dataset : datasets) {
            if (byName.putIfAbsent(dataset.name(), dataset) != null) {
                throw new IllegalArgumentException("data set " + dataset.name() + " is listed twice");
            }
        }
    }

    /** A published data set whose system-wide copy would be in its own folder under {@link #SYSTEM_ROOT}. */
    private static RemoteDataset published(String name, String title, String debianPackage, List<RemoteFile> files) {
        return new RemoteDataset(name, title, files, List.of(SYSTEM_ROOT.resolve(name)), debianPackage);
    }

    /**
     * The four gzipped idx files of an MNIST-style set, under the names MNIST's authors gave them
     * and Fashion-MNIST kept: training images and labels, then test images and labels.
     */
    private static List<RemoteFile> idxFiles(List<URI> mirrors, long trainImagesSize, String trainImagesSha256,
            long trainLabelsSize, String trainLabelsSha256, long testImagesSize, String testImagesSha256,
            long testLabelsSize, String testLabelsSha256) {
        return List.of(
                RemoteFile.at(mirrors, "train-images-idx3-ubyte.gz", trainImagesSize, trainImagesSha256),
                RemoteFile.at(mirrors, "train-labels-idx1-ubyte.gz", trainLabelsSize, trainLabelsSha256),
                RemoteFile.at(mirrors, "t10k-images-idx3-ubyte.gz", testImagesSize, testImagesSha256),
                RemoteFile.at(mirrors, "t10k-labels-idx1-ubyte.gz", testLabelsSize, testLabelsSha256));
    }

    /** MNIST, Fashion-MNIST and CIFAR-10 at their published addresses. */
    public static DatasetCatalog standard() {
        return STANDARD;
    }

    /** All data sets, in catalog order. */
    public List<RemoteDataset> datasets() {
        return List.copyOf(byName.values());
    }

    /** The data set of that name, if the catalog has one. */
    public Optional<RemoteDataset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The data set of that name.
     *
     * @throws IllegalArgumentException naming the known data sets if there is none
     */
    public RemoteDataset get(String name) {
        RemoteDataset dataset = byName.get(name);
        if (dataset == null) {
            throw new IllegalArgumentException("unknown data set '" + name + "': known ones are "
                    + String.join(", ", byName.keySet()));
        }
        return dataset;
    }
}
