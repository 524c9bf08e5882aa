package io.barrage.http;

/**
 * Collects the timings of one call at the exact points where a transport sees them. Filled on the
 * calling thread (a virtual thread), read once the call ends. Not thread-safe.
 */
public final class TimingCollector {
    long callStart = -1, waitStart = -1, waitEnd = -1, dnsStart = -1, dnsEnd = -1, connectStart = -1, connectEnd = -1,
         tlsStart = -1, tlsEnd = -1, writeStart = -1, requestEnd = -1, responseStart = -1, headersEnd = -1, bodyEnd = -1,
         callEnd = -1;
    boolean retried;

    public void callStart(long t) { callStart = t; }
    /** The call starts waiting for a connection of a full pool. */
    public void waitStart(long t) { waitStart = t; }
    public void waitEnd(long t) { waitEnd = t; }
    public void dnsStart(long t) { dnsStart = t; }
    public void dnsEnd(long t) { dnsEnd = t; }
    public void connectStart(long t) { connectStart = t; }
    public void connectEnd(long t) { connectEnd = t; }
    public void tlsStart(long t) { tlsStart = t; }
    public void tlsEnd(long t) { tlsEnd = t; }
    /** The client starts writing the request. */
    public void writeStart(long t) { writeStart = t; }
    /** The request (headers and body) is written. */
    public void requestEnd(long t) { requestEnd = t; }
    /** The first byte of the response arrived (the transport saw the status line). */
    public void responseStart(long t) { if (responseStart < 0) responseStart = t; }
    public void headersEnd(long t) { headersEnd = t; }
    public void bodyEnd(long t) { bodyEnd = t; }
    public void callEnd(long t) { callEnd = t; }

    /** The request was sent again on a new connection because the kept-alive one had been closed. */
    public void retried() { retried = true; }

    public boolean wasRetried() { return retried; }

    /** Forgets the exchange part (write, first byte, body) before a retry; waits and connects stay. */
    public void restartExchange() {
        writeStart = requestEnd = responseStart = headersEnd = bodyEnd = -1;
    }

    public HttpTimings timings() {
        long tls = span(tlsStart, tlsEnd);
        long connect = span(connectStart, connectEnd);
        if (connect >= 0 && tls >= 0) connect = Math.max(0, connect - tls);
        long fromHeaders = headersEnd >= 0 ? headersEnd : responseStart;
        return new HttpTimings(span(waitStart, waitEnd), span(dnsStart, dnsEnd), connect, tls, span(writeStart, requestEnd),
                span(requestEnd, responseStart), span(fromHeaders, bodyEnd), span(callStart, callEnd));
    }

    private static long span(long a, long b) {
        return a >= 0 && b >= a ? b - a : -1;
    }
}
