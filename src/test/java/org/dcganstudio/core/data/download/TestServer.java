package org.dcganstudio.core.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A local HTTP server for downloads: serves byte arrays, honours ranges unless told not to, counts. */
final class TestServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** The Range header of each request, "" when it had none. */
    final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Body bytes written to clients. */
    final AtomicLong served = new AtomicLong();
    /** When false, every request gets the whole file with status 200. */
    volatile boolean honourRanges = true;
    /** When non-negative, a body stops after this offset until {@link #release} counts down. */
    volatile long stallAt = -1;
    final CountDownLatch release = new CountDownLatch(1);
    /** When true, whole-file answers are chunked, announcing no length. */
    volatile boolean chunked;
    /** File name to the byte count after which its connection drops, mid-body. */
    final Map<String, Integer> dropAfter = new ConcurrentHashMap<>();

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code body} at {@code /name} and returns its address. */
    URI put(String name, byte[] body) {
        files.put(name, body);
        return uri(name);
    }

    URI uri(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int start = 0;
            Matcher m = RANGE.matcher(range == null ? "" : range);
            if (honourRanges && m.matches()) {
                start = Integer.parseInt(m.group(1));
                if (start >= body.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - start);
            } else {
                exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            }
            OutputStream out = exchange.getResponseBody();
            Integer drop = dropAfter.get(name);
            if (drop != null) {
                write(out, body, start, drop);
                out.flush();
                // Closing short of the announced length makes the server drop the connection.
                return;
            }
            long stall = stallAt;
            if (stall > start) {
                write(out, body, start, (int) stall);
                out.flush();
                release.await();
                start = (int) stall;
            }
            write(out, body, start, body.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void write(OutputStream out, byte[] body, int from, int to) throws IOException {
        out.write(body, from, to - from);
        served.addAndGet(to - from);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
