package org.dcganstudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.io.ShippedAssets;
import org.dcganstudio.core.measure.AttributeClassifier;

/** Where the shipped attribute classifier is found when {@code --classifier} is not given. */
final class ClassifierFolders {

    /** The shipped classifier's folder inside {@code assets/}. */
    static final Path DEFAULT = Path.of("attribute-classifier");

    private ClassifierFolders() {}

    /**
     * The folder to load: {@code given} when set, else the first shipped location holding a card.
     *
     * @throws IllegalArgumentException naming every place looked in when none holds one
     */
    static Path resolve(Path given) {
        if (given != null) {
            return given;
        }
        List<Path> candidates = ShippedAssets.candidates(DEFAULT);
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(AttributeClassifier.CARD_FILE))) {
                return p;
            }
        }
        throw new IllegalArgumentException("no attribute classifier found (looked in " + String.join(", ",
                candidates.stream().map(Path::toString).toList()) + "): give --classifier DIR, or make one with "
                + "`classifier train --out DIR`");
    }
}
