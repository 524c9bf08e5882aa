package io.barrage.http;

/**
 * Where the time of one call went, in nanoseconds; -1 for a part that did not happen in this call
 * (no wait for a pooled connection, no DNS lookup, no new connection, no TLS handshake on a kept-alive
 * connection).
 *
 * @param poolWait  waiting for a connection from the target's pool, when all were busy
 * @param dns       name lookup
 * @param connect   TCP connect (TLS excluded)
 * @param tls       TLS handshake
 * @param write     writing the request (headers and body)
 * @param firstByte from the request written to the first byte of the response
 * @param body      from the response headers to the last byte of the body
 * @param total     the whole call as the client saw it
 */
public record HttpTimings(long poolWait, long dns, long connect, long tls, long write, long firstByte, long body, long total) {

    public static final HttpTimings NONE = new HttpTimings(-1, -1, -1, -1, -1, -1, -1, -1);

    public double waitMillis() { return ms(poolWait); }
    public double dnsMillis() { return ms(dns); }
    public double connectMillis() { return ms(connect); }
    public double tlsMillis() { return ms(tls); }
    public double writeMillis() { return ms(write); }
    public double firstByteMillis() { return ms(firstByte); }
    public double bodyMillis() { return ms(body); }
    public double totalMillis() { return ms(total); }

    private static double ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }
}
