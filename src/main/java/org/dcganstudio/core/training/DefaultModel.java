package org.dcganstudio.core.training;

import java.nio.file.Path;
import java.util.Optional;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.ShippedAssets;

/**
 * The embedded default model: a weights-only checkpoint trained by this project's CLI on the
 * synthetic faces, shipped as {@code assets/default-model/faces64.ckpt} (its README says how it
 * was made). The studio opens with it and commands that take {@code --checkpoint} use it when
 * none is given.
 */
public final class DefaultModel {

    /** Its place inside {@code assets/}. */
    public static final Path RELATIVE = Path.of("default-model", "faces64" + RunDirectory.CHECKPOINT_EXTENSION);

    private DefaultModel() {}

    /** The shipped checkpoint, when this installation or checkout has it. */
    public static Optional<Path> find() {
        return ShippedAssets.find(RELATIVE);
    }
}
