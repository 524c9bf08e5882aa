package io.barrage.engine.metrics;

/** Every built-in metric name, in one place. Histogram values are recorded in microseconds. */
public final class MetricNames {
    private MetricNames() {}

    /** End minus intended start (coordinated-omission corrected). */
    public static final String LATENCY = "latency";
    /** End minus actual start. */
    public static final String SERVICE = "service";
    /** Actual start minus intended start of an iteration. */
    public static final String LAG = "lag";
    /** Waiting for a pooled connection, when every connection to the target was busy. */
    public static final String WAIT = "wait";
    /** Writing the request (headers and body) to the connection. */
    public static final String WRITE = "write";
    /** TCP connect time, when the call opened a connection. */
    public static final String CONNECT = "connect";
    /** TLS handshake time, when the call made one. */
    public static final String TLS = "tls";
    /** From the request written to the first byte of the response. */
    public static final String FIRST_BYTE = "first_byte";
    /** From the first byte to the last byte of the response body. */
    public static final String BODY = "body";
    /** Name lookup time, when the call resolved a host. */
    public static final String DNS = "dns";

    public static final String REQUESTS = "requests";
    public static final String ERRORS = "errors";
    public static final String ITERATIONS = "iterations";
    public static final String SCHEDULED = "scheduled";
    public static final String DROPPED = "dropped";

    /** The phase slot that holds calls made by setup hooks. */
    public static final String SETUP_PHASE = "setup";
    /** The phase slot that holds calls made by teardown hooks. */
    public static final String TEARDOWN_PHASE = "teardown";

    /** Significant digits of every histogram. */
    public static final int DIGITS = 3;
}
