package org.dcganstudio.core.data.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcganstudio.core.data.DataException;

/**
 * Downloads the missing files of a data set into its cache folder. Each file streams into
 * {@code <file>.part}, resumes from there with a range request, and takes its own name only after
 * its SHA-256 matched, by an atomic rename. Addresses are tried in order until one serves the file.
 */
public final class Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    // Until the status line arrives.
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    // Once the body flows, a server silent this long is given up on.
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    // How often a waiting download looks at its cancel flag.
    private static final long POLL_MILLIS = 100;
    private static final long REPORT_INTERVAL_NANOS = 100_000_000L;
    private static final int BUFFER_SIZE = 1 << 16;
    private static final String LOCK_FILE = ".download.lock";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-\\d{1,18}/(\\d{1,18}|\\*)");

    private final DatasetCache cache;
    private final HttpClient client;

    /** A downloader into {@code cache}, for the data sets of its catalog. */
    public Downloader(DatasetCache cache) {
        this.cache = cache;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Makes a data set available, downloading what is missing; cancelled only by interrupting the
     * thread.
     *
     * @see #fetch(String, DownloadListener, BooleanSupplier)
     */
    public Path fetch(String name, DownloadListener listener) {
        return fetch(name, listener, () -> false);
    }

    /**
     * Makes a data set available: returns the folder {@link DatasetCache#locate} finds, else
     * downloads the files missing from the cache folder and returns that folder.
     *
     * @param name a data set of the cache's catalog
     * @param listener hears the progress of each file
     * @param cancelled polled about ten times a second, also while the network keeps us waiting;
     *     interrupting the thread cancels as well
     * @return the folder holding all the data set's files
     * @throws DataException if a file cannot be had from any address (the message says how to
     *     provide it by hand), fails its checksum or cannot be written, or if another download of
     *     the same data set is under way
     * @throws CancellationException when cancelled; what was downloaded stays in {@code .part}
     *     files for the next call to resume, and an interrupt stays set
     * @throws IllegalArgumentException if the catalog has no such data set
     */
    public Path fetch(String name, DownloadListener listener, BooleanSupplier cancelled) {
        RemoteDataset dataset = cache.catalog().get(name);
        Optional<Path> found = cache.locate(name);
        if (found.isPresent()) {
            return found.get();
        }
        Path folder = cache.folder(name);
        Path lockFile = folder.resolve(LOCK_FILE);
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = exclusive(channel, dataset, folder)) {
                for (RemoteFile file : dataset.files()) {
                    Path target = folder.resolve(file.name());
                    if (CachedFiles.intact(file, target)) {
                        continue;
                    }
                    if (Files.exists(target)) {
                        CachedFiles.setAside(target);
                    }
                    download(dataset, file, folder, listener, cancelled);
                }
            }
        } catch (IOException e) {
            throw new DataException("cannot use the cache folder " + folder + ": " + e, e);
        }
        return folder;
    }

    // Two downloads appending to one .part would corrupt it; the lock also covers other processes.
    private static FileLock exclusive(FileChannel channel, RemoteDataset dataset, Path folder) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new DataException("another download of " + dataset.name() + " is already writing to " + folder
                    + "; wait for it to finish");
        }
        return lock;
    }

    private void download(RemoteDataset dataset, RemoteFile file, Path folder, DownloadListener listener,
            BooleanSupplier cancelled) {
        Path target = folder.resolve(file.name());
        Path part = DatasetCache.partial(target);
        List<String> failures = new ArrayList<>();
        boolean unreachable = true;
        for (URI url : file.urls()) {
            try {
                transfer(file, url, part, listener, cancelled);
            } catch (MirrorFailure e) {
                failures.add(url + ": " + e.getMessage());
                unreachable &= e.unreachable;
                continue;
            }
            install(file, url, part, target);
            return;
        }
        throw unavailable(dataset, file, folder, failures, unreachable);
    }

    private void transfer(RemoteFile file, URI url, Path part, DownloadListener listener, BooleanSupplier cancelled)
            throws MirrorFailure {
        long have = DatasetCache.sizeOf(part);
        if (have > file.size()) {
            // Longer than the whole file: no resume can make it right.
            try {
                Files.delete(part);
            } catch (IOException e) {
                throw new DataException("cannot delete " + part + ", longer than the " + file.size()
                        + " bytes of " + file.name() + ": " + e, e);
            }
            have = 0;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT);
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = answer(request.build(), file, part, cancelled);
        Body body = new Body();
        response.body().subscribe(body);
        try {
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                // The server has nothing past what the .part holds: it is complete, or the digest says not.
                listener.progress(file.name(), have, have);
            } else if (status == 200) {
                long total = response.headers().firstValueAsLong("Content-Length").orElse(file.size());
                if (total > file.size()) {
                    throw tooLong(file, "announced " + total + " bytes");
                }
                receive(file, body, part, 0, total, listener, cancelled);
            } else if (status == 206 && have > 0) {
                receive(file, body, part, have, resumedTotal(file, part, have, response), listener, cancelled);
            } else {
                throw new MirrorFailure("HTTP " + status, false);
            }
        } finally {
            body.cancel();
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer(HttpRequest request, RemoteFile file, Path part,
            BooleanSupplier cancelled) throws MirrorFailure {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> answer =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        try {
            while (true) {
                if (stopping(cancelled)) {
                    answer.cancel(true);
                    throw cancellation(file, part);
                }
                try {
                    return answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Not yet: look at the cancel flag again.
                }
            }
        } catch (ExecutionException e) {
            throw MirrorFailure.of(request.uri(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw cancellation(file, part);
        }
    }

    private static long resumedTotal(RemoteFile file, Path part, long have, HttpResponse<?> response)
            throws MirrorFailure {
        String range = response.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(range);
        if (m.matches() && Long.parseLong(m.group(1)) == have) {
            return m.group(2).equals("*") ? file.size() : Long.parseLong(m.group(2));
        }
        MirrorFailure failure = new MirrorFailure("answered a request for bytes " + have
                + "- with Content-Range '" + range + "'", false);
        try {
            // Such a server would answer the next resume alike: start afresh then.
            Files.deleteIfExists(part);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        throw failure;
    }

    private static void receive(RemoteFile file, Body body, Path part, long offset, long total,
            DownloadListener listener, BooleanSupplier cancelled) throws MirrorFailure {
        long done = offset;
        // A FileOutputStream, unlike a FileChannel, is not closed by an interrupt, so cancelling
        // never loses bytes already received.
        try (FileOutputStream out = new FileOutputStream(part.toFile(), offset > 0)) {
            listener.progress(file.name(), done, total);
            long nextReport = System.nanoTime() + REPORT_INTERVAL_NANOS;
            long lastData = System.nanoTime();
            byte[] buffer = new byte[BUFFER_SIZE];
            while (true) {
                if (stopping(cancelled)) {
                    throw cancellation(file, part);
                }
                int n;
                try {
                    n = body.read(buffer, POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw cancellation(file, part);
                } catch (IOException e) {
                    throw new MirrorFailure("connection lost after " + done + " bytes (" + e + ")", false);
                }
                if (n < 0) {
                    break;
                }
                long now = System.nanoTime();
                if (n == 0) {
                    if (now - lastData > STALL_TIMEOUT.toNanos()) {
                        throw new MirrorFailure("no data for " + STALL_TIMEOUT.toSeconds() + " s after " + done
                                + " bytes", false);
                    }
                    continue;
                }
                lastData = now;
                if (done + n > file.size()) {
                    out.close();
                    Files.deleteIfExists(part);
                    throw tooLong(file, "sent more than that");
                }
                out.write(buffer, 0, n);
                done += n;
                if (now - nextReport >= 0) {
                    listener.progress(file.name(), done, total);
                    nextReport = now + REPORT_INTERVAL_NANOS;
                }
            }
        } catch (IOException e) {
            throw new DataException("cannot write " + part + ": " + e, e);
        }
        listener.progress(file.name(), done, done);
    }

    // A server sending more than the catalog's size is wrong, and would otherwise fill the disk.
    private static MirrorFailure tooLong(RemoteFile file, String what) {
        return new MirrorFailure(file.name() + " is " + file.size() + " bytes (the catalog's size, the limit) but the"
                + " server " + what + "; the download was deleted", false);
    }

    private static boolean stopping(BooleanSupplier cancelled) {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    private static void install(RemoteFile file, URI url, Path part, Path target) {
        String actual;
        long size;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            actual = CachedFiles.sha256(part);
            size = channel.size();
            // On disk before the rename, so a crash cannot leave a short file under the final name.
            channel.force(true);
        } catch (IOException e) {
            throw new DataException("cannot read " + part + ": " + e, e);
        }
        if (!actual.equals(file.sha256())) {
            DataException mismatch = new DataException(target + " (" + size + " bytes from " + url
                    + ") has the wrong SHA-256: expected " + file.sha256() + ", got " + actual
                    + "; the download was deleted, so the next attempt starts afresh");
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                mismatch.addSuppressed(e);
            }
            throw mismatch;
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataException("cannot rename " + part + " to " + target.getFileName() + ": " + e, e);
        }
    }

    private static CancellationException cancellation(RemoteFile file, Path part) {
        return new CancellationException("download of " + file.name() + " cancelled; the "
                + DatasetCache.sizeOf(part) + " bytes received stay in " + part + " for the next attempt");
    }

    private static DataException unavailable(RemoteDataset dataset, RemoteFile file, Path folder,
            List<String> failures, boolean unreachable) {
        StringBuilder m = new StringBuilder("could not download data set ").append(dataset.name())
                .append(unreachable ? " (offline?)" : "")
                .append(": no address served ").append(file.name()).append(":\n");
        for (String failure : failures) {
            m.append("  ").append(failure).append('\n');
        }
        m.append("To use ").append(dataset.name()).append(" offline, put these files in ").append(folder).append(":\n");
        for (RemoteFile missing : dataset.files()) {
            if (!Files.isRegularFile(folder.resolve(missing.name()))) {
                m.append("  ").append(missing.name()).append("  from ").append(missing.urls().get(0)).append('\n');
            }
        }
        if (!dataset.debianPackage().isEmpty()) {
            m.append("or, on Debian or Ubuntu: sudo apt-get install ").append(dataset.debianPackage()).append('\n');
        }
        return new DataException(m.toString().strip());
    }

    /**
     * A response body read with a bounded wait, so the downloading thread keeps polling for
     * cancellation and notices a stalled server. HttpClient's own InputStream cannot do this: on
     * Java 17 it swallows an interrupt and waits on.
     */
    private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {

        // Compared by identity: HttpClient may itself deliver empty lists.
        private static final List<ByteBuffer> END = new ArrayList<>(0);
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

        private final BlockingQueue<List<ByteBuffer>> chunks = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private volatile Throwable failure;
        private Iterator<ByteBuffer> pending = Collections.emptyIterator();
        private ByteBuffer current = EMPTY;
        private boolean ended;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            chunks.add(item);
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            chunks.add(END);
        }

        @Override
        public void onComplete() {
            chunks.add(END);
        }

        /**
         * Reads like {@link InputStream#read(byte[])}, but waits at most {@code waitMillis} for
         * data: returns the count read, 0 if none came in time, or -1 at the end.
         */
        int read(byte[] buffer, long waitMillis) throws IOException, InterruptedException {
            while (!current.hasRemaining()) {
                if (pending.hasNext()) {
                    current = pending.next();
                    continue;
                }
                if (ended) {
                    return -1;
                }
                List<ByteBuffer> chunk = chunks.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    return 0;
                }
                if (chunk == END) {
                    ended = true;
                    Throwable t = failure;
                    if (t != null) {
                        throw t instanceof IOException io ? io : new IOException(t);
                    }
                    return -1;
                }
                pending = chunk.iterator();
                subscription.request(1);
            }
            int n = Math.min(buffer.length, current.remaining());
            current.get(buffer, 0, n);
            return n;
        }

        /** Lets the connection go; what was not read is dropped. */
        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** One address that did not serve a file; the next one is tried. */
    private static final class MirrorFailure extends Exception {

        private static final long serialVersionUID = 1L;

        /** No connection was made at all, as when offline. */
        final boolean unreachable;

        MirrorFailure(String reason, boolean unreachable) {
            super(reason);
            this.unreachable = unreachable;
        }

        static MirrorFailure of(URI url, Throwable e) {
            // HttpClient wraps an unknown host in a ConnectException: look at the whole chain first.
            if (caused(e, UnknownHostException.class) || caused(e, UnresolvedAddressException.class)) {
                return new MirrorFailure("unknown host " + url.getHost(), true);
            }
            if (caused(e, HttpConnectTimeoutException.class)) {
                return new MirrorFailure("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", true);
            }
            if (caused(e, HttpTimeoutException.class)) {
                return new MirrorFailure("no answer within " + ANSWER_TIMEOUT.toSeconds() + " s", true);
            }
            if (caused(e, ConnectException.class)) {
                return new MirrorFailure("cannot connect to " + url.getAuthority() + reason(e), true);
            }
            return new MirrorFailure(e.toString(), false);
        }

        private static boolean caused(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static String reason(Throwable e) {
            String message = null;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null) {
                    message = t.getMessage();
                }
            }
            return message == null ? "" : " (" + message + ")";
        }
    }
}
