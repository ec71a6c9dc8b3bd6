package org.dcganstudio.core.data;

import java.util.List;

/**
 * A named per-image attribute with its possible values, e.g. {@code smiling} with levels
 * {@code [no, yes]} or {@code hair_colour} with {@code [black, brown, blond, red]}. An image's
 * value is an index into {@link #levels}.
 *
 * @param name identifier used in CSV headers and specs; letters, digits and underscores
 * @param levels at least two distinct value names
 */
public record Attribute(String name, List<String> levels) {

    /** The levels of a yes/no attribute; CelebA's -1/1 map to index 0/1. */
    public static final List<String> NO_YES = List.of("no", "yes");

    public Attribute {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("attribute name must be letters, digits and underscores, got '"
                    + name + "'");
        }
        levels = List.copyOf(levels);
        if (levels.size() < 2 || levels.stream().distinct().count() != levels.size()) {
            throw new IllegalArgumentException("attribute " + name + " needs at least two distinct levels, got "
                    + levels);
        }
    }

    /** A yes/no attribute. */
    public static Attribute binary(String name) {
        return new Attribute(name, NO_YES);
    }

    /** Index of a level name, or -1. */
    public int levelIndex(String level) {
        return levels.indexOf(level);
    }
}
