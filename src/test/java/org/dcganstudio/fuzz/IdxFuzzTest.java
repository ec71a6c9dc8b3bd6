package org.dcganstudio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcganstudio.core.data.formats.IdxImages;

/** MNIST-style idx image files, plain or gzipped (IdxImages). */
class IdxFuzzTest {

    @FuzzTest
    void openIdx(byte[] data) throws Exception {
        var file = FuzzFiles.write("input-idx3-ubyte", data);
        FuzzFiles.refusedClearlyIfBad(() -> {
            IdxImages images = IdxImages.open(file);
            if (images.size() > 0) {
                images.read(images.size() - 1);
            }
        });
    }
}
