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
    /** A 4xx status that the script did not allow. */
    public static final String STATUS_4XX = "status_4xx";
    /** A 5xx status that the script did not allow. */
    public static final String STATUS_5XX = "status_5xx";
    /** A check ({@code expect ...}) other than the status failed. */
    public static final String CHECK_FAILED = "check_failed";

    /**
     * The kind of a call that failed for its status: {@code status_5xx}, {@code status_4xx}, or
     * {@code status_2xx}/{@code status_3xx}/{@code status_1xx} when the script expected another.
     */
    public static String status(int status) {
        return switch (status / 100) {
            case 5 -> STATUS_5XX;
            case 4 -> STATUS_4XX;
            case 3 -> "status_3xx";
            case 2 -> "status_2xx";
            case 1 -> "status_1xx";
            default -> "status_other";
        };
    }
    /** Any other I/O failure. */
    public static final String IO = "io";
}
