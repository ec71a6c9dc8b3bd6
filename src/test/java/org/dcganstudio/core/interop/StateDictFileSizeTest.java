package org.dcganstudio.core.interop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictFileSizeTest {

    @TempDir
    Path tmp;

    @Test
    void aFileLargerThanTheModelCanNeedIsRefusedBeforeItIsRead() throws IOException {
        ModelConfig config = new ModelConfig(32, 1, 4, 2, 2, LatentPrior.NORMAL);
        Path file = tmp.resolve("netG.safetensors");
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(config, m, 5)) {
            StateDicts.save(g, file);
            StateDicts.load(g, file);
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(1L << 30);
            }
            String message = assertThrows(IOException.class, () -> StateDicts.load(g, file)).getMessage();
            assertTrue(message.startsWith(file + ": 1073741824 bytes is above the limit of "), message);
        }
    }
}
