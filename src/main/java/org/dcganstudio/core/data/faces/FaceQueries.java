package org.dcganstudio.core.data.faces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.ImageAnnotations;

/**
 * Picks the images that share an attribute combination, such as the smiling faces with short
 * hair: the groups whose mean latent vectors the vector-arithmetic demo adds and subtracts.
 */
public final class FaceQueries {

    private FaceQueries() {
    }

    /**
     * Reads a combination written as {@code smiling=yes,long_hair=no}; spaces around names are
     * ignored and an empty text means no condition.
     *
     * @return attribute name to level name, in the order given
     * @throws IllegalArgumentException for a part without {@code =} or an attribute named twice
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (text.isBlank()) {
            return wanted;
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).strip();
            String level = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (name.isEmpty() || level.isEmpty()) {
                throw new IllegalArgumentException("expected attribute=level, got '" + part.strip() + "' in '" + text
                        + "'");
            }
            if (wanted.put(name, level) != null) {
                throw new IllegalArgumentException("attribute " + name + " given twice in '" + text + "'");
            }
        }
        return wanted;
    }

    /**
     * The indices, ascending, of the images whose attributes have all the given levels.
     *
     * @param wanted attribute name to level name; empty matches every image
     * @throws IllegalArgumentException for an unknown attribute or level, naming the valid ones
     */
    public static int[] matching(ImageAnnotations annotations, Map<String, String> wanted) {
        List<int[]> conditions = new ArrayList<>();
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            int column = annotations.attributeIndex(entry.getKey());
            if (column < 0) {
                throw new IllegalArgumentException("unknown attribute '" + entry.getKey() + "'; "
                        + (annotations.attributes().isEmpty() ? "this data set has no attributes"
                                : "attributes: " + String.join(", ",
                                        annotations.attributes().stream().map(Attribute::name).toList())));
            }
            Attribute attribute = annotations.attributes().get(column);
            int level = attribute.levelIndex(entry.getValue());
            if (level < 0) {
                throw new IllegalArgumentException(attribute.name() + " has no level '" + entry.getValue()
                        + "'; levels: " + String.join(", ", attribute.levels()));
            }
            conditions.add(new int[] {column, level});
        }
        return IntStream.range(0, annotations.count())
                .filter(i -> conditions.stream().allMatch(c -> annotations.value(i, c[0]) == c[1]))
                .toArray();
    }
}
