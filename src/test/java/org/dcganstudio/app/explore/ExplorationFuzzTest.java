package org.dcganstudio.app.explore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcganstudio.fuzz.FuzzFiles;

/**
 * Saved explorations (Exploration.read). Here rather than in {@code org.dcganstudio.fuzz} with
 * the other readers' fuzz tests because the reader is package-private.
 */
class ExplorationFuzzTest {

    @FuzzTest
    void readExploration(byte[] data) throws Exception {
        var file = FuzzFiles.write("input.json", data);
        FuzzFiles.refusedClearlyIfBad(() -> Exploration.read(file, 8));
    }
}
