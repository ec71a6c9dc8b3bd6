package org.dcganstudio.core.data.folder;

import java.nio.file.Path;

/**
 * Scans the folder in its argument and prints what it kept and skipped, for tests that need a JVM
 * started under another locale than their own.
 */
final class ScanProbe {

    private ScanProbe() {}

    public static void main(String[] args) {
        ImageFolder folder = ImageFolder.open(Path.of(args[0]));
        StringBuilder out = new StringBuilder("encoding " + System.getProperty("sun.jnu.encoding") + "\n");
        for (int i = 0; i < folder.size(); i++) {
            out.append("kept ").append(folder.relativePath(i)).append('\n');
        }
        for (ScanReport.Skipped s : folder.report().skipped()) {
            out.append("skipped ").append(s.file()).append(": ").append(s.reason()).append('\n');
        }
        System.out.print(out);
    }
}
