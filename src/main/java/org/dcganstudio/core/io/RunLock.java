package org.dcganstudio.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one writer of a run directory: an operating-system lock on its {@link RunDirectory#LOCK}
 * file, which says who holds it (pid, host, since when). The system frees the lock when the
 * holder dies, however it dies, so a free lock proves that no writer is left.
 *
 * <p>Locks are per process, and closing any channel of the file drops them on POSIX systems: this
 * process keeps its own locks in a table and never opens a lock file it holds.
 */
public final class RunLock implements AutoCloseable {

    /** Thrown when another writer holds the run; the message names it. */
    public static final class Held extends IOException {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    /** Holder texts are a line or three; more is not ours, and is not read. */
    private static final int MAX_HOLDER_BYTES = 1024;
    /** The locks this process holds, by the lock file's real path. */
    private static final Map<Path, RunLock> HELD = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final String holder;

    private RunLock(Path key, FileChannel channel, FileLock lock, String holder) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Takes the lock of {@code runDir} (creating the directory if needed) and writes this
     * process's pid, host and time into it.
     *
     * @throws Held naming the holder when another writer has it
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Path key = runDir.toRealPath().resolve(RunDirectory.LOCK);
        synchronized (HELD) {
            RunLock mine = HELD.get(key);
            if (mine != null) {
                throw held(key, mine.holder);
            }
            FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                ch.close();
                // Some network file systems have no locks: refuse rather than risk two writers.
                throw new IOException(key + " cannot be locked (" + e.getMessage() + "), so nothing would keep a "
                        + "second writer out of the run; train into a folder on a local disk", e);
            }
            if (lock == null) {
                String other = readHolder(ch);
                ch.close();
                throw held(key, other);
            }
            String me = "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            RunLock taken = new RunLock(key, ch, lock, me);
            HELD.put(key, taken);
            return taken;
        }
    }

    /**
     * Who writes {@code runDir} now, or empty when no process does (nothing is created or locked
     * for long: a shared lock is tried for a moment, so read-only folders can be asked too).
     */
    public static Optional<String> holder(Path runDir) {
        Path file = runDir.resolve(RunDirectory.LOCK);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        synchronized (HELD) {
            try {
                Path key = file.toRealPath();
                RunLock mine = HELD.get(key);
                if (mine != null) {
                    return Optional.of(mine.holder);
                }
                try (FileChannel ch = FileChannel.open(key, StandardOpenOption.READ)) {
                    FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
                    if (probe == null) {
                        return Optional.of(readHolder(ch));
                    }
                    probe.release();
                    return Optional.empty();
                }
            } catch (IOException | OverlappingFileLockException e) {
                // A lock file we cannot open or lock tells nothing about a writer.
                return Optional.empty();
            }
        }
    }

    /**
     * Refuses early, before anything is read or opened for a run, when another writer holds it.
     *
     * @throws Held naming the holder
     */
    public static void ensureFree(Path runDir) throws Held {
        Optional<String> other = holder(runDir);
        if (other.isPresent()) {
            throw held(runDir.resolve(RunDirectory.LOCK), other.get());
        }
    }

    /** This process, as the lock file names it. */
    public String holder() {
        return holder;
    }

    /** Frees the run for the next writer. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (HELD.remove(key) != this) {
                return;
            }
            try {
                // A stale name in a free lock would only mislead a reader.
                channel.truncate(0);
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static Held held(Path key, String holder) {
        return new Held(key.getParent() + " is being written by another process (" + holder + ", as " + key
                + " says); wait until it stops, or stop it, before writing the run from here");
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_HOLDER_BYTES);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that has not yet said who it is" : text;
    }

    /** Not InetAddress.getLocalHost: it asks DNS, which can take seconds on a laptop offline. */
    private static String hostName() {
        for (String var : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            String etc = Files.readString(Path.of("/etc/hostname")).strip();
            return etc.isEmpty() ? "an unnamed host" : etc;
        } catch (IOException e) {
            return "an unnamed host";
        }
    }
}
