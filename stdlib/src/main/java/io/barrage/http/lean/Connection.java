package io.barrage.http.lean;

import io.barrage.http.HttpErrors.MalformedResponseException;
import io.barrage.http.HttpRequest;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One HTTP/1.1 connection: writes a request from bytes, reads the response from a lent buffer
 * without regex and without a header map. Used by one thread at a time.
 */
final class Connection {
    static final int MAX_HEAD = 64 * 1024;
    private static final long MAX_CHUNK = Integer.MAX_VALUE - 16;
    /** A body up to this size is allocated whole from its Content-Length; a larger one grows as it arrives. */
    private static final int PREALLOCATE = 8 * 1024 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final byte[] HTTP11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] EMPTY = new byte[0];

    final Origin origin;
    final boolean shared;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The plain socket under a TLS one (closing it ends a blocked read), else the socket itself. */
    private final Socket raw;
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
    /** Set while reading: bytes of the response were received (a failure then is not a stale connection). */
    boolean received;

    // the exchange's buffer, lent by BufferPool
    private byte[] buf;
    private int pos, lim;

    Connection(Origin origin, boolean shared, Socket socket, Socket raw) throws IOException {
        this.origin = origin;
        this.shared = shared;
        this.socket = socket;
        this.raw = raw;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
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
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }

    /** The result of one exchange, and whether the connection may carry another. */
    record Result(TransportResponse response, boolean keepAlive, String location) {}

    Result exchange(HttpRequest req, byte[] target, boolean compression, boolean yieldFirst, TimingCollector t, long deadline)
            throws IOException {
        exchanges++;
        received = false;
        buf = BufferPool.acquire();
        pos = lim = 0;
        try {
            write(req, target, compression, t);
            // A closed-model user lets the other users run before reading: by the time it reads, its
            // response has mostly arrived, which saves a read that finds nothing, a poller
            // registration and a wake-up per call (B1: +40% requests per CPU-second, measured).
            // Open-model arrivals do not: there it cost 10-20% more CPU and did not shorten lag.
            if (yieldFirst) Thread.yield();
            return read(req, compression, t);
        } catch (IOException e) {
            String why = expired;
            if (why != null) throw new SocketTimeoutException(why + (received ? ", reading the response" : ", waiting for the response"));
            throw e;
        } finally {
            PROGRESS.setRelease(this, 0L);
            idleSince = System.nanoTime();
            BufferPool.release(buf);
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
            PROGRESS.setRelease(this, System.nanoTime());   // an upload that moves is not late
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

    // ---------------------------------------------------------------- response

    private Result read(HttpRequest req, boolean compression, TimingCollector t) throws IOException {
        while (true) {
            int headEnd = readHead(t);
            int status = statusLine();
            if (status >= 100 && status < 200 && status != 101) {   // 100 Continue, 103 Early Hints: the answer follows
                pos = headEnd;
                continue;
            }
            return response(req, status, headEnd, compression, t);
        }
    }

    /** Reads until the blank line that ends the head; returns the index just after it. */
    private int readHead(TimingCollector t) throws IOException {
        int scanned = 0;   // bytes after pos already searched for the blank line
        while (true) {
            for (int i = pos + scanned; i + 3 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') return i + 4;
            }
            scanned = Math.max(0, lim - 3 - pos);
            if (lim - pos >= MAX_HEAD) {
                throw new MalformedResponseException("response headers larger than " + (MAX_HEAD / 1024) + " KB");
            }
            if (lim == buf.length) compactOrGrow();
            int r = fill("the response");
            if (r < 0) {
                if (!received) throw new EOFException("the server closed the connection without responding");
                throw new EOFException("the server closed the connection inside the response headers");
            }
            if (!received) {
                received = true;
                t.responseStart(System.nanoTime());
            }
        }
    }

    private void compactOrGrow() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        } else {
            grow(buf.length * 2);
        }
    }

    private int fill(String what) throws IOException {
        int r = in.read(buf, lim, buf.length - lim);
        if (r > 0) {
            lim += r;
            PROGRESS.setRelease(this, System.nanoTime());
        }
        return r;
    }

    private int statusLine() throws MalformedResponseException {
        int p = pos;
        if (lim - p < 13 || buf[p] != 'H' || buf[p + 1] != 'T' || buf[p + 2] != 'T' || buf[p + 3] != 'P' || buf[p + 4] != '/'
                || buf[p + 5] != '1' || buf[p + 6] != '.' || buf[p + 8] != ' '
                || !digit(buf[p + 9]) || !digit(buf[p + 10]) || !digit(buf[p + 11])
                || (buf[p + 12] != ' ' && buf[p + 12] != '\r')) {
            throw new MalformedResponseException("bad status line: \"" + printable(p, lineEnd(p)) + "\"");
        }
        return (buf[p + 9] - '0') * 100 + (buf[p + 10] - '0') * 10 + (buf[p + 11] - '0');
    }

    private Result response(HttpRequest req, int status, int headEnd, boolean compression, TimingCollector t)
            throws IOException {
        int p = pos;
        boolean http10 = buf[p + 7] == '0';
        int eol = lineEnd(p);
        String reason = reason(p + 13, eol);
        int headersStart = eol + 2;
        long contentLength = -1;
        boolean chunked = false, close = false, keepAlive = false, cookies = false;
        String encoding = null, location = null;
        for (int i = headersStart; i < headEnd - 2; ) {
            int end = lineEnd(i);
            int colon = i;
            while (colon < end && buf[colon] != ':') colon++;
            if (colon == end || colon == i) {
                throw new MalformedResponseException("header line without a name and colon: \"" + printable(i, end) + "\"");
            }
            int len = colon - i;
            int v = colon + 1, ve = end;
            while (v < ve && (buf[v] == ' ' || buf[v] == '\t')) v++;
            while (ve > v && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) ve--;
            if (len == 14 && name(i, "content-length")) {
                long cl = number(v, ve);
                if (cl < 0 || (contentLength >= 0 && cl != contentLength)) {
                    throw new MalformedResponseException("bad Content-Length: \"" + printable(v, ve) + "\"");
                }
                contentLength = cl;
            } else if (len == 17 && name(i, "transfer-encoding")) {
                chunked = contains(v, ve, "chunked");
            } else if (len == 10 && name(i, "connection")) {
                if (contains(v, ve, "close")) close = true;
                if (contains(v, ve, "keep-alive")) keepAlive = true;
            } else if (len == 10 && name(i, "set-cookie")) {
                cookies = true;
            } else if (len == 16 && name(i, "content-encoding")) {
                encoding = new String(buf, v, ve - v, StandardCharsets.ISO_8859_1).trim().toLowerCase(java.util.Locale.ROOT);
            } else if (len == 8 && name(i, "location")) {
                location = new String(buf, v, ve - v, StandardCharsets.ISO_8859_1);
            }
            i = end + 2;
        }
        byte[] headers = java.util.Arrays.copyOfRange(buf, headersStart, Math.max(headersStart, headEnd - 2));
        t.headersEnd(System.nanoTime());
        pos = headEnd;
        byte[] body;
        boolean reusable = !close && (!http10 || keepAlive) && status != 101;
        if (req.method().equals("HEAD") || status == 204 || status == 304 || status == 101) {
            body = EMPTY;
        } else if (chunked) {
            body = chunkedBody();
        } else if (contentLength >= 0) {
            body = fixedBody(contentLength);
        } else {
            body = untilClose();
            reusable = false;
        }
        t.bodyEnd(System.nanoTime());
        if (lim > pos) {
            throw new MalformedResponseException((lim - pos) + " bytes after the end of the response body"
                    + (contentLength >= 0 ? " (Content-Length " + contentLength + ")" : ""));
        }
        if (encoding != null && compression && body.length > 0) body = decode(encoding, body);
        String protocol = http10 ? "http/1.0" : "http/1.1";
        return new Result(new TransportResponse(status, reason, new RawHeaders(headers), body, protocol, cookies), reusable, location);
    }

    private byte[] fixedBody(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) throw new MalformedResponseException("response body too large: " + length + " bytes");
        int n = (int) length;
        if (n > PREALLOCATE) return largeBody(n);
        byte[] body = n == 0 ? EMPTY : new byte[n];
        int have = Math.min(lim - pos, n);
        System.arraycopy(buf, pos, body, 0, have);
        pos += have;
        while (have < n) {
            int r = readInto(body, have, n - have);
            if (r < 0) {
                throw new EOFException("the server closed the connection after " + have + " of " + n + " bytes of the body");
            }
            have += r;
        }
        return body;
    }

    /** A large body, held as it arrives, so a wrong Content-Length cannot make the client allocate it up front. */
    private byte[] largeBody(int n) throws IOException {
        Bytes out = new Bytes();
        int have = Math.min(lim - pos, n);
        out.add(buf, pos, have);
        pos += have;
        while (have < n) {
            pos = lim = 0;
            int r = fill("the response body");
            if (r < 0) throw new EOFException("the server closed the connection after " + have + " of " + n + " bytes of the body");
            int take = Math.min(r, n - have);
            out.add(buf, 0, take);
            pos = take;
            have += take;
        }
        return out.toArray();
    }

    /** Reads straight into the body array, past the lent buffer (which is empty at this point). */
    private int readInto(byte[] dst, int off, int len) throws IOException {
        int r = in.read(dst, off, len);
        if (r > 0) PROGRESS.setRelease(this, System.nanoTime());
        return r;
    }

    private byte[] chunkedBody() throws IOException {
        Bytes out = new Bytes();
        while (true) {
            int eol = line("a chunk size");
            int p = pos, end = eol;
            long size = 0;
            int digits = 0;
            while (p < end && buf[p] != ';' && buf[p] != ' ' && buf[p] != '\t') {
                int d = Character.digit(buf[p], 16);
                if (d < 0 || (++digits > 16)) throw new MalformedResponseException("bad chunk size: \"" + printable(pos, end) + "\"");
                size = size * 16 + d;
                if (size > MAX_CHUNK) throw new MalformedResponseException("chunk too large: \"" + printable(pos, end) + "\"");
                p++;
            }
            if (digits == 0) throw new MalformedResponseException("bad chunk size: \"" + printable(pos, end) + "\"");
            pos = eol + 2;
            if (size == 0) {
                while (true) {   // trailers, up to the blank line
                    int te = line("the trailers");
                    boolean blank = te == pos;
                    pos = te + 2;
                    if (blank) return out.toArray();
                }
            }
            int left = (int) size;
            while (left > 0) {
                if (pos == lim) {
                    pos = lim = 0;
                    if (fill("a chunk") < 0) throw new EOFException("the server closed the connection inside a chunk");
                }
                int take = Math.min(left, lim - pos);
                out.add(buf, pos, take);
                pos += take;
                left -= take;
            }
            int e = line("the end of a chunk");
            if (e != pos) throw new MalformedResponseException("a chunk is longer than its size (" + size + ")");
            pos = e + 2;
        }
    }

    /** Ensures a whole line is buffered at pos; returns the index of its CR. */
    private int line(String what) throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i + 1 < lim; i++) if (buf[i] == '\r' && buf[i + 1] == '\n') return i;
            if (lim - pos > MAX_LINE) throw new MalformedResponseException(what + " line is longer than " + MAX_LINE + " bytes");
            scan = Math.max(pos, lim - 1);
            if (lim == buf.length) {
                int shift = pos;
                compactOrGrow();
                scan -= shift - pos;
            }
            if (fill(what) < 0) throw new EOFException("the server closed the connection reading " + what);
        }
    }

    private byte[] untilClose() throws IOException {
        Bytes out = new Bytes();
        out.add(buf, pos, lim - pos);
        pos = lim = 0;
        while (fill("the response body") >= 0) {
            out.add(buf, 0, lim);
            lim = 0;
        }
        return out.toArray();
    }

    private static byte[] decode(String encoding, byte[] body) throws IOException {
        try {
            if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                }
            }
            if (encoding.equals("deflate")) {
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                } catch (java.util.zip.ZipException zlibFailed) {   // some servers send raw deflate
                    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true))) {
                        return in.readAllBytes();
                    }
                }
            }
        } catch (java.util.zip.ZipException | EOFException e) {
            throw new MalformedResponseException("the " + encoding + " body does not decode: " + e.getMessage());
        }
        return body;   // an encoding we did not ask for: as it came
    }

    // ---------------------------------------------------------------- bytes

    private int lineEnd(int from) {
        for (int i = from; i + 1 < lim; i++) if (buf[i] == '\r' && buf[i + 1] == '\n') return i;
        return lim;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private boolean name(int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int b = buf[at + i];
            if (b >= 'A' && b <= 'Z') b += 32;
            if (b != lower.charAt(i)) return false;
        }
        return true;
    }

    private long number(int from, int to) {
        if (from == to || to - from > 18) return -1;
        long n = 0;
        for (int i = from; i < to; i++) {
            if (!digit(buf[i])) return -1;
            n = n * 10 + (buf[i] - '0');
        }
        return n;
    }

    private boolean contains(int from, int to, String lower) {
        outer:
        for (int i = from; i + lower.length() <= to; i++) {
            for (int j = 0; j < lower.length(); j++) {
                int b = buf[i + j];
                if (b >= 'A' && b <= 'Z') b += 32;
                if (b != lower.charAt(j)) continue outer;
            }
            return true;
        }
        return false;
    }

    private String reason(int from, int to) {
        if (from >= to) return "";
        if (to - from == 2 && buf[from] == 'O' && buf[from + 1] == 'K') return "OK";
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String printable(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 60); i++) {
            int c = buf[i] & 0xff;
            b.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        if (to - from > 60) b.append('…');
        return b.toString();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** How long the connection has been idle, in nanoseconds. */
    long idleNanos(long now) {
        return now - idleSince;
    }

    /**
     * Whether the server has closed this idle connection (or sent bytes nobody asked for): a read
     * that waits at most 1 ms, as OkHttp checks a connection before a request it must not send
     * twice. A healthy connection costs that millisecond, so callers ask only after a long idle time.
     */
    boolean closedByPeer() {
        try {
            raw.setSoTimeout(1);
            try {
                in.read();   // returns: EOF or stray bytes, either way not usable
                return true;
            } finally {
                raw.setSoTimeout(0);
            }
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException broken) {
            return true;
        }
    }

    /** True when the watchdog ended an exchange on this connection (its socket is closed). */
    boolean expired() {
        return expired != null;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) return;
        origin.open.decrementAndGet();
        try {
            raw.close();   // first: closing a TLS socket may wait to send close_notify to a server that is not reading
            if (raw != socket) socket.close();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
    }

    /** A growable byte array for bodies of unknown length. */
    private static final class Bytes {
        private byte[] a = new byte[256];
        private int n;

        void add(byte[] src, int off, int len) {
            if (n + len > a.length) a = java.util.Arrays.copyOf(a, Math.max(n + len, a.length * 2));
            System.arraycopy(src, off, a, n, len);
            n += len;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
