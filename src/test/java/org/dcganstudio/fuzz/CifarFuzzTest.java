package org.dcganstudio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcganstudio.core.data.formats.Cifar10Binary;

/** CIFAR-10 binary archives, tar or tar.gz (Cifar10Binary, TarReader). */
class CifarFuzzTest {

    @FuzzTest
    void openCifarArchive(byte[] data) throws Exception {
        var file = FuzzFiles.write("input.tar", data);
        FuzzFiles.refusedClearlyIfBad(() -> {
            Cifar10Binary images = Cifar10Binary.open(file, Cifar10Binary.Split.TEST);
            if (images.size() > 0) {
                images.read(images.size() - 1);
            }
        });
    }
}
