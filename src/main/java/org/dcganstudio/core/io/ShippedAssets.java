package org.dcganstudio.core.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where files shipped in {@code assets/} are found: only the folder named by the system property
 * {@value #PROPERTY} when it is set (the installer's launcher; tests), else {@code assets/} under the working
 * directory (a checkout), and {@code assets/} beside the jar or classes folder or up to two
 * folders above it ({@code target/} and {@code target/classes} in a checkout, {@code lib/} in an
 * app image).
 */
public final class ShippedAssets {

    /** System property naming the assets folder. */
    public static final String PROPERTY = "dcgan.assets.dir";

    private ShippedAssets() {}

    /** The places {@code relative} (a path inside {@code assets/}) is looked for, in order. */
    public static List<Path> candidates(Path relative) {
        Set<Path> out = new LinkedHashSet<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return List.of(Path.of(property).toAbsolutePath().resolve(relative).normalize());
        }
        out.add(Path.of("").toAbsolutePath().resolve("assets").resolve(relative).normalize());
        Path code = codeLocation();
        if (code != null) {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                out.add(dir.resolve("assets").resolve(relative).normalize());
            }
        }
        return new ArrayList<>(out);
    }

    /** The first candidate that exists, if any. */
    public static Optional<Path> find(Path relative) {
        return candidates(relative).stream().filter(Files::exists).findFirst();
    }

    /** The jar (or classes folder) this code was loaded from, or null when unknown. */
    private static Path codeLocation() {
        try {
            var source = ShippedAssets.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
