package io.barrage.engine.metrics;

/** The kinds errors are counted under. Protocols classify their failures into these. */
public final class ErrorKinds {
    private ErrorKinds() {}

    /** The target refused the connection. */
    public static final String REFUSED = "refused";
    /** The connection was reset or closed mid-exchange. */
    public static final String RESET = "reset";
    /** A connect, read or call timeout. */
    public static final String TIMEOUT = "timeout";
    /** The host name could not be resolved. */
    public static final String DNS = "dns";
    /** The TLS handshake failed (certificate, protocol). */
    public static final String TLS = "tls";
    /** The response was malformed. */
    public static final String PROTOCOL = "protocol";
    /** A 4xx status that the script did not expect. */
    public static final String STATUS_4XX = "status_4xx";
    /** A 5xx status that the script did not expect. */
    public static final String STATUS_5XX = "status_5xx";
    /** A check ({@code expect ...}) failed. */
    public static final String CHECK_FAILED = "check_failed";
    /** Any other I/O failure. */
    public static final String IO = "io";
    /** The user's own code threw. */
    public static final String SCRIPT = "script";
}
