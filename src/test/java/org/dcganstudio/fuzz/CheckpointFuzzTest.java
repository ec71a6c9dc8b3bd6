package org.dcganstudio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcganstudio.core.training.Checkpoint;

/** Checkpoint files as they come, zip and all (Checkpoint.read, CheckedZip, CheckpointState). */
class CheckpointFuzzTest {

    @FuzzTest
    void readCheckpoint(byte[] data) throws Exception {
        var file = FuzzFiles.write("input.ckpt", data);
        FuzzFiles.refusedClearlyIfBad(() -> Checkpoint.read(file));
    }
}
