package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.testing.TinyCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run goes by the steps in its checkpoints' names, so a name that lies about its step is refused. */
class CheckpointNameTest {

    @TempDir
    Path tmp;

    @Test
    void theLatestCheckpointMustHoldTheStepItsNameSays() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Files.createDirectories(run.checkpoints());
        TinyCheckpoints.write(run.checkpoint(0), 3, 1f);
        assertEquals(0, Checkpoint.read(run.root()).step());

        Path renamed = Files.copy(run.checkpoint(0), run.checkpoint(500));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(run.root()));
        assertEquals(renamed + ": its name says step 500 but its state.json says step 0 (copied or renamed? a "
                + "checkpoint holding step 0 is named step-000000.ckpt)", e.getMessage());
    }

    @Test
    void aCheckpointNamedOtherwiseCarriesNoStepToCheck() throws Exception {
        Path file = TinyCheckpoints.write(tmp.resolve("best.ckpt"), 3, 1f);
        assertEquals(0, Checkpoint.read(file).step());
    }
}
