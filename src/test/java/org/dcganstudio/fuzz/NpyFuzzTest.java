package org.dcganstudio.fuzz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcganstudio.core.interop.NpyFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code .npy} files (NpyFiles, NpyHeader): latents and images from Python. */
class NpyFuzzTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @FuzzTest
    void readNpy(byte[] data) throws Exception {
        FuzzFiles.refusedClearlyIfBad(() -> {
            try (NDArray a = NpyFiles.read(FuzzFiles.write("input.npy", data), manager)) {
                a.getShape();
            }
        });
    }
}
