package org.dcganstudio.core.data.folder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.DataException;

/**
 * Per-image attributes read from a CelebA {@code list_attr_celeba.txt} or an
 * {@code attributes.csv} (formats in the package documentation), keyed by the file column.
 */
final class AttributeTable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> ZERO_ONE = Set.of("0", "1");
    private static final Set<String> NO_YES = Set.copyOf(Attribute.NO_YES);
    /** Levels are kept one byte per image and attribute (CelebA-sized tables stay small). */
    private static final int MAX_LEVELS = 256;

    private final Path file;
    private final List<Attribute> attributes;
    private final Map<String, Integer> rows;
    private final byte[] levels;

    private AttributeTable(Path file, List<Attribute> attributes, Map<String, Integer> rows, byte[] levels) {
        this.file = file;
        this.attributes = attributes;
        this.rows = rows;
        this.levels = levels;
    }

    /** The file the table was read from. */
    Path file() {
        return file;
    }

    List<Attribute> attributes() {
        return attributes;
    }

    /** The row of an image, looked up by its relative path and then by its file name; -1 if absent. */
    int row(String relativePath) {
        Integer row = rows.get(relativePath);
        if (row == null) {
            row = rows.get(relativePath.substring(relativePath.lastIndexOf('/') + 1));
        }
        return row == null ? -1 : row;
    }

    /** Level index of attribute {@code attribute} in row {@code row}. */
    int level(int row, int attribute) {
        // Read unsigned: levels 128..255 are stored as negative bytes.
        return Byte.toUnsignedInt(levels[row * attributes.size() + attribute]);
    }

    /**
     * Reads CelebA's attribute list: a count, a line of names, then one line per image of a file
     * name and -1/1 values, separated by any whitespace.
     *
     * @throws DataException naming the file and line of anything malformed
     */
    static AttributeTable readCelebA(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            int declared;
            try {
                declared = Integer.parseInt(first == null ? "" : first.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                throw malformed(file, 1, "expected the image count, got '" + first + "'");
            }
            String second = in.readLine();
            if (second == null || second.isBlank()) {
                throw malformed(file, 2, "expected the attribute names");
            }
            List<Attribute> attributes = new ArrayList<>();
            for (String name : WHITESPACE.split(second.strip())) {
                attributes.add(binary(file, 2, name));
            }
            checkDistinct(file, 2, attributes);
            int n = attributes.size();
            Map<String, Integer> rows = new HashMap<>();
            // Grown as rows arrive rather than sized from line 1, which may be wrong.
            byte[] levels = new byte[64 * n];
            int lineNumber = 2;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = WHITESPACE.split(line.strip());
                if (fields.length != n + 1) {
                    throw malformed(file, lineNumber, "expected a file name and " + n + " values, got "
                            + (fields.length - 1) + " values");
                }
                int row = addRow(file, lineNumber, rows, fields[0]);
                if ((row + 1) * n > levels.length) {
                    levels = Arrays.copyOf(levels, levels.length * 2);
                }
                for (int a = 0; a < n; a++) {
                    String value = fields[a + 1];
                    if (!value.equals("-1") && !value.equals("1")) {
                        throw malformed(file, lineNumber, attributes.get(a).name() + " must be -1 or 1, got '"
                                + value + "'");
                    }
                    levels[row * n + a] = (byte) (value.equals("1") ? 1 : 0);
                }
            }
            if (rows.size() != declared) {
                throw malformed(file, 1, "says " + count(declared) + " images, but the file lists "
                        + count(rows.size()));
            }
            return new AttributeTable(file, List.copyOf(attributes), rows, levels);
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the project's {@code attributes.csv}: a header {@code file,name,...} and one row per
     * image. A column whose values are all 0/1 or all no/yes is a yes/no attribute; any other
     * column's levels are its distinct values, sorted.
     *
     * @throws DataException naming the file and line of anything malformed
     */
    static AttributeTable readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw malformed(file, 1, "expected a header starting with 'file'");
        }
        // Spreadsheet programs save UTF-8 CSV with a byte-order mark.
        String[] header = fields(lines.get(0).replaceFirst("^\uFEFF", ""));
        if (!header[0].equals("file") || header.length < 2) {
            throw malformed(file, 1, "expected a header 'file,attribute,...', got '" + lines.get(0) + "'");
        }
        int n = header.length - 1;
        List<String[]> values = new ArrayList<>();
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] fields = fields(lines.get(i));
            if (fields.length != n + 1) {
                throw malformed(file, i + 1, "expected " + (n + 1) + " fields as in the header, got " + fields.length);
            }
            for (int a = 0; a <= n; a++) {
                if (fields[a].isEmpty()) {
                    throw malformed(file, i + 1, "empty " + (a == 0 ? "file" : header[a]) + " field");
                }
            }
            addRow(file, i + 1, rows, fields[0]);
            values.add(fields);
        }
        List<Attribute> attributes = new ArrayList<>();
        for (int a = 1; a <= n; a++) {
            Set<String> seen = new LinkedHashSet<>();
            for (String[] row : values) {
                seen.add(row[a]);
            }
            attributes.add(attribute(file, header[a], seen));
        }
        checkDistinct(file, 1, attributes);
        byte[] levels = new byte[values.size() * n];
        for (int r = 0; r < values.size(); r++) {
            for (int a = 0; a < n; a++) {
                String value = values.get(r)[a + 1];
                Attribute attribute = attributes.get(a);
                int level = attribute.levels().equals(Attribute.NO_YES) && ZERO_ONE.contains(value)
                        ? Integer.parseInt(value) : attribute.levelIndex(value);
                levels[r * n + a] = (byte) level;
            }
        }
        return new AttributeTable(file, List.copyOf(attributes), rows, levels);
    }

    private static Attribute attribute(Path file, String name, Set<String> values) {
        if (ZERO_ONE.containsAll(values) || NO_YES.containsAll(values)) {
            return binary(file, 1, name);
        }
        if (values.size() > MAX_LEVELS) {
            throw malformed(file, 1, name + " has " + values.size() + " distinct values, more than " + MAX_LEVELS);
        }
        try {
            return new Attribute(name, List.copyOf(new TreeSet<>(values)));
        } catch (IllegalArgumentException e) {
            throw malformed(file, 1, e.getMessage());
        }
    }

    private static Attribute binary(Path file, int line, String name) {
        try {
            return Attribute.binary(name);
        } catch (IllegalArgumentException e) {
            throw malformed(file, line, e.getMessage());
        }
    }

    private static void checkDistinct(Path file, int line, List<Attribute> attributes) {
        Set<String> names = new LinkedHashSet<>();
        for (Attribute a : attributes) {
            if (!names.add(a.name())) {
                throw malformed(file, line, "attribute " + a.name() + " is named twice");
            }
        }
    }

    private static int addRow(Path file, int line, Map<String, Integer> rows, String key) {
        int row = rows.size();
        if (rows.putIfAbsent(key, row) != null) {
            throw malformed(file, line, key + " is listed a second time");
        }
        return row;
    }

    private static String[] fields(String line) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        return fields;
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static DataException malformed(Path file, int line, String problem) {
        return new DataException(file + " line " + line + ": " + problem);
    }
}
