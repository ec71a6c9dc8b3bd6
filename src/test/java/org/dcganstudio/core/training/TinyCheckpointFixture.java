package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.testing.TinyCheckpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One good tiny checkpoint per test class, for tests that craft bad copies of it in {@link #tmp}. */
abstract class TinyCheckpointFixture {

    @TempDir
    static Path shared;
    /** The good checkpoint, never changed. */
    static Path tiny;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeTiny() throws IOException {
        tiny = TinyCheckpoints.write(shared.resolve("tiny.ckpt"), 3, 1f);
    }
}
