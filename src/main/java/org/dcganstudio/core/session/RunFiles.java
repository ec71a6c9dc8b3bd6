package org.dcganstudio.core.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The sample grids and checkpoints a run directory holds, by step. */
final class RunFiles {

    private static final Pattern SAMPLE = Pattern.compile("step-(\\d+)\\.png");
    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d+)\\.ckpt");

    private RunFiles() {
    }

    /** Steps of {@code samples/step-NNNNNN.png}, ascending; empty if there are none. */
    static List<Long> sampleSteps(Path runDir) {
        return list(runDir.resolve("samples"), SAMPLE).stream().map(RunFiles::stepOf).sorted().toList();
    }

    /** {@code checkpoints/step-NNNNNN.ckpt} files, oldest step first. */
    static List<Path> checkpoints(Path runDir) {
        return list(runDir.resolve("checkpoints"), CHECKPOINT).stream()
                .sorted((a, b) -> Long.compare(stepOf(a), stepOf(b))).toList();
    }

    /** The step in a {@code step-NNNNNN.*} file name. */
    static long stepOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(5, name.indexOf('.')));
    }

    private static List<Path> list(Path dir, Pattern pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                Matcher m = pattern.matcher(f.getFileName().toString());
                return m.matches();
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
