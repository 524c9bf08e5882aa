package io.barrage.http.lean;

import io.barrage.http.HttpErrors.MalformedResponseException;
import io.barrage.http.HttpRequest;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads the responses of one connection from a lent buffer, byte by byte: no regex, no header map
 * (the header bytes are kept for {@link RawHeaders} to parse if anyone asks). Reports every byte
 * that arrives to its connection, whose watchdog clock that resets. Used by one thread at a time.
 */
final class ResponseReader {
    static final int MAX_HEAD = 64 * 1024;
    private static final long MAX_CHUNK = Integer.MAX_VALUE - 16;
    /** A body up to this size is allocated whole from its Content-Length; a larger one grows as it arrives. */
    private static final int PREALLOCATE = 8 * 1024 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Connection connection;
    private final InputStream in;
    /** Bytes of the current response were received (a failure then is not a stale connection). */
    boolean received;
    private byte[] buf;
    private int pos, lim;

    ResponseReader(Connection connection, InputStream in) {
        this.connection = connection;
        this.in = in;
    }

    /** The buffer the last read used (the lent one or a grown one), to give back; the reader forgets it. */
    byte[] release() {
        byte[] b = buf;
        buf = null;
        return b;
    }

    /**
     * Reads one response into the lent buffer {@code lent} (which may grow; {@link #release} gives
     * back what to return to the pool).
     */
    Connection.Result read(byte[] lent, HttpRequest req, boolean compression, TimingCollector t) throws IOException {
        buf = lent;
        pos = lim = 0;
        received = false;
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
            byte[] bigger = java.util.Arrays.copyOf(buf, buf.length * 2);
            BufferPool.release(buf);
            buf = bigger;
        }
    }

    private int fill(String what) throws IOException {
        int r = in.read(buf, lim, buf.length - lim);
        if (r > 0) {
            lim += r;
            connection.progressed();
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

    private Connection.Result response(HttpRequest req, int status, int headEnd, boolean compression, TimingCollector t)
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
        return new Connection.Result(new TransportResponse(status, reason, new RawHeaders(headers), body, protocol, cookies), reusable, location);
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
        if (r > 0) connection.progressed();
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
