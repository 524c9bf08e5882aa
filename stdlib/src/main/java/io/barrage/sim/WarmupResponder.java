package io.barrage.sim;

import io.barrage.engine.loop.EventLoop;
import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.loop.LoopServerSocket;
import io.barrage.engine.loop.LoopSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The smallest HTTP/1.1 server that will do for warming the generator up: on an event loop of its
 * own, in process, on loopback, it answers every request 200 with the headers a typical server
 * sends (a short text with a length or chunked, or JSON), after 0–4 ms, and keeps connections
 * alive. At a few microseconds per request it lets the warm-up run at the rate of the run to come, so the JIT compiles the generator's path as the run will use
 * it; the simulated service (the JDK's HTTP server) costs ten times as much and its own code took
 * the compiler's time.
 */
public final class WarmupResponder implements AutoCloseable {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nServer: barrage-warmup\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n";
    private static final String JSON = "{\"id\":42,\"name\":\"warm-up\",\"tags\":[\"a\",\"b\",\"c\"],\"ok\":true,\"pad\":\"" + "x".repeat(64) + "\"}";
    /**
     * The answers, taken in turn at random: with a length, chunked (as nginx answers much of what it
     * does not serve from a file), and a JSON body. The client's code for each is compiled.
     */
    private static final byte[][] RESPONSES = {
        (HEAD + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok").getBytes(StandardCharsets.ISO_8859_1),
        (HEAD + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n2\r\nok\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
        (HEAD + "Content-Type: application/json\r\nContent-Length: " + JSON.length() + "\r\nConnection: keep-alive\r\n\r\n" + JSON).getBytes(StandardCharsets.ISO_8859_1),
    };
    private static final int MAX_HEAD = 16 * 1024;

    private final EventLoops loops;
    private final LoopServerSocket server;

    private WarmupResponder(EventLoops loops, LoopServerSocket server) {
        this.loops = loops;
        this.server = server;
    }

    /**
     * Starts it on 127.0.0.1 and a free port.
     *
     * @throws UnsupportedOperationException where event loops cannot run ({@link EventLoops#unavailable()})
     */
    public static WarmupResponder start() throws IOException {
        EventLoops loops = EventLoops.start(1, problem -> { });
        CompletableFuture<LoopServerSocket> bound = new CompletableFuture<>();
        loops.get(0).newThread(() -> {
            LoopServerSocket s;
            try {
                s = LoopServerSocket.bind(InetAddress.getLoopbackAddress(), 0, 1024);
            } catch (IOException | RuntimeException e) {
                bound.completeExceptionally(e);
                return;
            }
            bound.complete(s);
            acceptAll(s);
        }).start();
        try {
            return new WarmupResponder(loops, bound.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            loops.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            loops.close();
            throw new IOException("the warm-up responder did not start", e);
        }
    }

    private static void acceptAll(LoopServerSocket server) {
        while (true) {
            LoopSocket c;
            try {
                c = server.accept();
            } catch (IOException closed) {
                return;
            }
            c.loop().newThread(() -> serve(c)).start();
        }
    }

    /**
     * A server's think time: none for a quarter of the requests, else up to 4 ms. The warm-up should
     * take every branch the run will (a read that finds its answer there, and one that waits): the
     * JIT compiles a branch never taken as a trap, and a run that then takes it pays a
     * deoptimization per call until the code is compiled again (seen: 9 000 in the first second).
     */
    private static void pause(java.util.SplittableRandom random) {
        int r = random.nextInt(16);
        if (r < 4) return;
        long deadline = System.nanoTime() + r * 250_000L;
        EventLoop loop = EventLoop.current();
        while (System.nanoTime() < deadline) loop.parkUntil(deadline);
    }

    /** Answers requests on one connection until the client closes it. */
    private static void serve(LoopSocket c) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(c.hashCode());
        byte[] buf = new byte[4096];
        int lim = 0;
        try (c) {
            while (true) {
                int end = headEnd(buf, lim);
                while (end < 0) {
                    if (lim == buf.length) {
                        if (buf.length >= MAX_HEAD) return;
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    int r = c.receive(buf, lim, buf.length - lim);
                    if (r < 0) return;
                    lim += r;
                    end = headEnd(buf, lim);
                }
                long body = contentLength(buf, end);
                if (lim - end >= body) {   // the body came with the head; what follows is the next request
                    int next = end + (int) body;
                    System.arraycopy(buf, next, buf, 0, lim - next);
                    lim -= next;
                } else {   // read the rest of the body and forget it
                    long skip = body - (lim - end);
                    lim = 0;
                    while (skip > 0) {
                        int r = c.receive(buf, 0, (int) Math.min(buf.length, skip));
                        if (r < 0) return;
                        skip -= r;
                    }
                }
                pause(random);
                byte[] response = RESPONSES[random.nextInt(RESPONSES.length)];
                c.write(response, 0, response.length);
            }
        } catch (IOException ended) {
            // the client went away
        }
    }

    private static int headEnd(byte[] b, int lim) {
        for (int i = 3; i < lim; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i + 1;
        }
        return -1;
    }

    /** The Content-Length of a request head, 0 without one (a chunked body is not expected here). */
    private static long contentLength(byte[] b, int end) {
        String head = new String(b, 0, end, StandardCharsets.ISO_8859_1);
        int i = head.toLowerCase(java.util.Locale.ROOT).indexOf("\ncontent-length:");
        if (i < 0) return 0;
        int j = head.indexOf('\r', i);
        try {
            return Long.parseLong(head.substring(i + 16, j).trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Its base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
        loops.close();
    }
}
