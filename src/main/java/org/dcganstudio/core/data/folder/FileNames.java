package org.dcganstudio.core.data.folder;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names Java cannot name back. The JVM turns a name's bytes into text with the system's
 * file-name encoding ({@code sun.jnu.encoding}: ASCII under {@code LC_ALL=C}, UTF-8 under most
 * desktop locales); bytes that are not valid in it become replacement characters, and that text
 * then names no file, or another one, or cannot be made a path at all. A scan keeps images by their
 * relative path as text (for ordering, classes and attribute rows), so such a file is skipped and
 * reported instead of failing the whole folder.
 */
final class FileNames {

    private FileNames() {}

    /**
     * Whether {@code relative}, the text of {@code file}'s path below {@code folder}, names
     * {@code file} again.
     */
    static boolean roundTrips(Path folder, Path file, String relative) {
        try {
            return folder.resolve(relative).equals(file);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The reason given for a file whose name does not round-trip. */
    static String unreadableName() {
        String encoding = System.getProperty("sun.jnu.encoding", "unknown");
        // Under a UTF-8 locale only renaming helps; under another, a UTF-8 one reads most names.
        return "its name is not valid in the system's file-name encoding (" + encoding + "); rename it"
                + (encoding.equalsIgnoreCase("UTF-8") ? "" : ", or run under a UTF-8 locale such as LANG=C.UTF-8");
    }
}
