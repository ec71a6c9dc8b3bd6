package org.dcganstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writtenFilesGetTheSamePermissionsAsPlainlyCreatedOnes() throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "permissions are POSIX here");
        Path plain = Files.createFile(tmp.resolve("plain.txt"));
        Path atomic = tmp.resolve("atomic.txt");
        AtomicFiles.write(atomic, "hello".getBytes());
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
        assertEquals("hello", Files.readString(atomic));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = tmp.resolve("out.bin");
        AtomicFiles.write(target, new byte[] {1, 2});
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertEquals(2, Files.size(target));
        try (var files = Files.list(tmp)) {
            List<Path> left = files.toList();
            assertEquals(List.of(target), left);
        }
    }

    @Test
    void aReplacedFileIsWholeAndItsTemporaryIsGoneAndRecognisable() throws IOException {
        Path target = tmp.resolve("config.json");
        AtomicFiles.write(target, "old".getBytes());
        List<Path> during = new java.util.ArrayList<>();
        byte[] content = new byte[100_000];
        java.util.Arrays.fill(content, (byte) 7);
        AtomicFiles.write(target, out -> {
            out.write(content);
            try (var files = Files.list(tmp)) {
                files.filter(f -> !f.equals(target)).forEach(during::add);
            }
        });
        assertEquals(1, during.size(), "one temporary beside the target while writing");
        assertTrue(AtomicFiles.isTemporaryOf(during.get(0), "config.json"::equals), during.toString());
        assertFalse(AtomicFiles.isTemporaryOf(during.get(0), "metrics.csv"::equals));
        assertFalse(AtomicFiles.isTemporaryOf(target, "config.json"::equals));
        assertArrayEquals(content, Files.readAllBytes(target));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
