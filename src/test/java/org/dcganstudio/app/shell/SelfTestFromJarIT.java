package org.dcganstudio.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, as a user runs it: {@code java -jar target/dcgan-studio.jar studio --self-test}
 * from a folder of their own. It must find the default model beside the jar, pass, leave the
 * working folder as it found it and delete its temporary folder.
 */
class SelfTestFromJarIT {

    @Test
    void theBuiltJarPassesItsSelfTestAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "dcgan-studio.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "mvn verify packages " + jar + " before this test");
        Path cwd = Files.createDirectory(dir.resolve("work"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path log = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-Djava.io.tmpdir=" + tmp,
                "-jar", jar.toString(), "studio", "--self-test")
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the self-test did not finish in 5 minutes:\n" + out);
        assertEquals(0, p.exitValue(), out);
        Path model = jar.getParent().getParent().resolve("assets").resolve("default-model");
        assertTrue(out.contains("default model: " + model + File.separator), "found beside the jar:\n" + out);
        assertTrue(out.contains("generated one image") && out.contains("trained 2 steps on synthetic faces")
                && out.contains("self-test passed"), out);
        assertEquals(List.of(), list(cwd), "nothing written to the working folder");
        // Only its own folder: elsewhere JNA or DJL may keep a cache in the temporary folder.
        assertEquals(List.of(), list(tmp).stream()
                .filter(f -> f.getFileName().toString().startsWith("dcgan-studio-self-test")).toList(),
                "the temporary folder it used is deleted");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
