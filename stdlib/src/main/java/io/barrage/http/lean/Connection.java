package io.barrage.http.lean;

import io.barrage.http.HttpRequest;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 connection: writes a request from pre-encoded bytes into a lent buffer, has its
 * {@link ResponseReader} read the answer, and keeps the state the transport's watchdog checks
 * (progress, deadline). Used by one thread at a time.
 */
final class Connection {
    private static final byte[] HTTP11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);

    final Origin origin;
    final boolean shared;
    final Wire wire;
    private final OutputStream out;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * When the current exchange last made progress (nanoTime), or 0 between exchanges; the
     * transport's watchdog ends an exchange that makes none for the read timeout. Timeouts are
     * kept this way, not with SO_TIMEOUT: a timed read parks a virtual thread on a timer, which
     * cost a third of the client's throughput (measured).
     */
    @SuppressWarnings("unused") private volatile long progress;
    /** The whole call's deadline (nanoTime), or 0. */
    private long deadline;   // published by the release of progress that follows it
    /** When the last exchange ended (nanoTime). */
    private long idleSince;

    /** In the watchdog's set (see {@link LeanTransport}); read and written on both sides. */
    volatile boolean watched;
    /** Why the watchdog ended the exchange, or null. */
    private volatile String expired;
    private static final java.lang.invoke.VarHandle PROGRESS;

    static {
        try {
            PROGRESS = java.lang.invoke.MethodHandles.lookup().findVarHandle(Connection.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** How many exchanges this connection has carried. */
    int exchanges;
    /**
     * Opened before the load started ({@link LeanTransport#prepare}) and kept: like a reused one, it
     * may have been closed by the server before its first request, which is then sent once more.
     */
    boolean prepared;
    private final ResponseReader reader;

    // the request's buffer, lent by BufferPool for the exchange and handed on to the reader
    private byte[] buf;

    Connection(Origin origin, boolean shared, Wire wire) {
        this.origin = origin;
        this.shared = shared;
        this.wire = wire;
        this.out = wire.out();
        this.reader = new ResponseReader(this, wire.in());
        this.idleSince = System.nanoTime();
    }

    /** Bytes of the last response were received (a failure then is not a stale connection). */
    boolean received() {
        return reader.received;
    }

    /** The exchange moved: the watchdog's clock starts again. */
    void progressed() {
        PROGRESS.setRelease(this, System.nanoTime());
    }

    /**
     * Marks the start of an exchange for the watchdog: a volatile write, so that it and the
     * watchdog's read of {@link #watched} cannot both miss each other.
     */
    void begin(long deadline) {
        this.deadline = deadline;
        progress = System.nanoTime();
    }

    /** True while an exchange is under way. */
    boolean active() {
        return progress != 0;
    }

    /** The watchdog's check: ends the exchange if it waited too long for the server or passed its deadline. */
    void checkExpiry(long now, long readTimeoutNanos) {
        long p = (long) PROGRESS.getAcquire(this);
        if (p == 0) return;
        long d = deadline;
        if (d != 0 && now - d >= 0) expire("the call took longer than its timeout");
        else if (now - p >= readTimeoutNanos) expire("no data from the server for " + readTimeoutNanos / 1_000_000 + " ms");
    }

    private void expire(String why) {
        expired = why;
        wire.close();
    }

    /** The result of one exchange, and whether the connection may carry another. */
    record Result(TransportResponse response, boolean keepAlive, String location) {}

    Result exchange(HttpRequest req, byte[] target, boolean compression, boolean yieldFirst, TimingCollector t, long deadline)
            throws IOException {
        exchanges++;
        reader.received = false;
        buf = BufferPool.acquire();
        try {
            write(req, target, compression, t);
            // A closed-model user lets the other users run before reading: by the time it reads, its
            // response has mostly arrived, which saves a read that finds nothing, a poller
            // registration and a wake-up per call (B1: +40% requests per CPU-second, measured).
            // Open-model arrivals do not: there it cost 10-20% more CPU and did not shorten lag.
            if (yieldFirst) Thread.yield();
            byte[] lent = buf;
            buf = null;
            try {
                return reader.read(lent, req, compression, t);
            } finally {
                buf = reader.release();
            }
        } catch (IOException e) {
            String why = expired;
            if (why != null) {
                throw new SocketTimeoutException(why + (reader.received ? ", reading the response" : ", waiting for the response"));
            }
            throw e;
        } finally {
            PROGRESS.setRelease(this, 0L);
            idleSince = System.nanoTime();
            if (buf != null) BufferPool.release(buf);
            buf = null;
        }
    }

    // ---------------------------------------------------------------- request

    private void write(HttpRequest req, byte[] target, boolean compression, TimingCollector t) throws IOException {
        int n = 0;
        n = ascii(req.method(), n);
        n = put((byte) ' ', n);
        n = put(target, n);
        n = put(HTTP11, n);
        Map<String, String> own = req.headers();
        if (own.isEmpty()) {
            n = put(origin.hostLine, n);
            n = put(req.defaults().encoded(), n);
        } else {
            if (!has(own, "Host")) n = put(origin.hostLine, n);
            for (Map.Entry<String, String> h : req.defaults().values().entrySet()) {
                if (!has(own, h.getKey())) n = header(h.getKey(), h.getValue(), n);
            }
            for (Map.Entry<String, String> h : own.entrySet()) n = header(h.getKey(), h.getValue(), n);
        }
        if (compression && req.header("Accept-Encoding") == null) n = header("Accept-Encoding", "gzip, deflate", n);
        byte[] body = req.body();
        boolean stream = req.bodyStream() != null;
        if (req.hasBody()) {
            if (req.contentType() != null && req.header("Content-Type") == null) n = header("Content-Type", req.contentType(), n);
            boolean framed = !own.isEmpty() && (has(own, "Content-Length") || has(own, "Transfer-Encoding"));
            if (framed) {
                // the script framed the body itself
            } else if (stream) {
                n = header("Transfer-Encoding", "chunked", n);
            } else {
                n = header("Content-Length", Integer.toString(body.length), n);
            }
        } else if (needsLength(req.method()) && (own.isEmpty() || !has(own, "Content-Length"))) {
            n = header("Content-Length", "0", n);
        }
        n = put((byte) '\r', n);
        n = put((byte) '\n', n);
        t.writeStart(System.nanoTime());
        if (body != null && body.length <= buf.length - n) {
            System.arraycopy(body, 0, buf, n, body.length);
            out.write(buf, 0, n + body.length);
        } else {
            out.write(buf, 0, n);
            if (body != null) out.write(body);
            else if (stream) writeChunked(req.bodyStream());
        }
        out.flush();
        long written = System.nanoTime();
        t.requestEnd(written);
        PROGRESS.setRelease(this, written);
    }

    private void writeChunked(InputStream body) throws IOException {
        byte[] chunk = new byte[8192];
        int r;
        while ((r = body.read(chunk)) > 0) {
            out.write((Integer.toHexString(r) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(chunk, 0, r);
            out.write('\r');
            out.write('\n');
            progressed();   // an upload that moves is not late
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean needsLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static boolean has(Map<String, String> headers, String name) {
        for (String k : headers.keySet()) if (k.equalsIgnoreCase(name)) return true;
        return false;
    }

    private int header(String name, String value, int n) {
        n = ascii(name, n);
        n = put((byte) ':', n);
        n = put((byte) ' ', n);
        n = ascii(value, n);
        n = put((byte) '\r', n);
        return put((byte) '\n', n);
    }

    private int ascii(String s, int n) {
        int len = s.length();
        if (n + len > buf.length) grow(n + len);
        for (int i = 0; i < len; i++) buf[n + i] = (byte) s.charAt(i);   // checked to be ISO-8859-1 by HeaderBlock.check
        return n + len;
    }

    private int put(byte[] b, int n) {
        if (n + b.length > buf.length) grow(n + b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        return n + b.length;
    }

    private int put(byte b, int n) {
        if (n == buf.length) grow(n + 1);
        buf[n] = b;
        return n + 1;
    }

    private void grow(int need) {
        byte[] bigger = new byte[Math.max(need, buf.length * 2)];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        BufferPool.release(buf);
        buf = bigger;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** How long the connection has been idle, in nanoseconds. */
    long idleNanos(long now) {
        return now - idleSince;
    }

    /**
     * Whether the server has closed this idle connection (or sent bytes nobody asked for): a JDK
     * socket waits at most 1 ms to know, as OkHttp checks a connection before a request it must not
     * send twice, so callers ask only after a long idle time; a loop's socket knows without waiting.
     */
    boolean closedByPeer() {
        return wire.closedByPeer();
    }

    /** True when the watchdog ended an exchange on this connection (its socket is closed). */
    boolean expired() {
        return expired != null;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) return;
        origin.open.decrementAndGet();
        wire.close();
    }
}
