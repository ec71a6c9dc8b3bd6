package org.dcganstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondWriterInThisProcessIsToldWhoHoldsTheRun() throws IOException {
        String me = "pid " + ProcessHandle.current().pid();
        try (RunLock first = RunLock.acquire(tmp)) {
            assertTrue(first.holder().startsWith(me), first.holder());
            RunLock.Held e = assertThrows(RunLock.Held.class, () -> RunLock.acquire(tmp));
            assertTrue(e.getMessage().contains(me) && e.getMessage().contains(" since "), e.getMessage());
            assertTrue(e.getMessage().contains(tmp.toRealPath().resolve(RunDirectory.LOCK).toString()), e.getMessage());
            assertEquals(first.holder(), RunLock.holder(tmp).orElseThrow());
            // Asking must not drop the lock (closing any channel of the file would, on POSIX).
            assertThrows(RunLock.Held.class, () -> RunLock.acquire(tmp));
        }
        assertTrue(RunLock.holder(tmp).isEmpty());
        try (RunLock again = RunLock.acquire(tmp)) {
            assertTrue(RunLock.holder(tmp).isPresent());
        }
    }

    @Test
    void aFolderNoWriterEverLockedHasNoHolderAndGetsNoLockFile() {
        assertTrue(RunLock.holder(tmp).isEmpty());
        assertFalse(Files.exists(tmp.resolve(RunDirectory.LOCK)));
    }

    @Test
    void anotherProcessHoldsTheRunUntilItDies() throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), tmp.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            RunLock.Held e = assertThrows(RunLock.Held.class, () -> RunLock.acquire(tmp));
            assertTrue(e.getMessage().contains("pid " + child.pid() + " on "), e.getMessage());
            assertTrue(RunLock.holder(tmp).orElseThrow().startsWith("pid " + child.pid()));
        } finally {
            // Killed, not asked to stop: the lock must go with the process however it ends.
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(RunLock.holder(tmp).isEmpty());
        try (RunLock mine = RunLock.acquire(tmp)) {
            assertTrue(mine.holder().startsWith("pid " + ProcessHandle.current().pid()));
        }
    }

    /** Holds the lock of the folder it is given until it is killed. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            RunLock lock = RunLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            lock.close();
        }
    }
}
