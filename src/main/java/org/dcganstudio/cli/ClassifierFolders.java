package org.dcganstudio.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dcganstudio.core.measure.AttributeClassifier;

/**
 * Where the shipped attribute classifier is found when {@code --classifier} is not given:
 * {@code assets/attribute-classifier} under the working directory (a checkout), beside the jar
 * (an unpacked release), or one folder above the jar ({@code target/} in a checkout).
 */
final class ClassifierFolders {

    /** The shipped classifier's folder, relative to the project or install root. */
    static final Path DEFAULT = Path.of("assets", "attribute-classifier");

    private ClassifierFolders() {}

    /**
     * The folder to load: {@code given} when set, else the first default location holding a card.
     *
     * @throws IllegalArgumentException naming every place looked in when none holds one
     */
    static Path resolve(Path given) {
        if (given != null) {
            return given;
        }
        List<Path> candidates = candidates();
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(AttributeClassifier.CARD_FILE))) {
                return p;
            }
        }
        throw new IllegalArgumentException("no attribute classifier found (looked in " + String.join(", ",
                candidates.stream().map(Path::toString).toList()) + "): give --classifier DIR, or make one with "
                + "`classifier train --out DIR`");
    }

    private static List<Path> candidates() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(Path.of("").toAbsolutePath().resolve(DEFAULT).normalize());
        Path code = codeLocation();
        if (code != null) {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            if (dir != null) {
                out.add(dir.resolve(DEFAULT).normalize());
                if (dir.getParent() != null) {
                    out.add(dir.getParent().resolve(DEFAULT).normalize());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The jar (or classes folder) this code was loaded from, or null when unknown. */
    private static Path codeLocation() {
        try {
            var source = ClassifierFolders.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
