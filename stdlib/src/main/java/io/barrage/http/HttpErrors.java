package io.barrage.http;

import io.barrage.engine.metrics.ErrorKinds;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Classifies transport failures into {@link ErrorKinds}. */
public final class HttpErrors {
    private HttpErrors() {}

    public static String classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String kind = direct(c);
            if (kind != null) return kind;
            if (c.getCause() == c) break;
        }
        return ErrorKinds.IO;
    }

    private static String direct(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase();
        if (t instanceof UnknownHostException) return ErrorKinds.DNS;
        if (t instanceof SSLException) return ErrorKinds.TLS;
        if (t instanceof SocketTimeoutException) return ErrorKinds.TIMEOUT;
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return msg.contains("timed out") ? ErrorKinds.TIMEOUT : ErrorKinds.REFUSED;
        }
        if (t instanceof InterruptedIOException && msg.contains("timeout")) return ErrorKinds.TIMEOUT;
        if (t instanceof ProtocolException || t instanceof MalformedResponseException) return ErrorKinds.PROTOCOL;
        if (t instanceof EOFException || msg.contains("unexpected end of stream")) return ErrorKinds.RESET;
        if (t instanceof SocketException && (msg.contains("reset") || msg.contains("broken pipe")
                || msg.contains("closed") || msg.contains("abort"))) {
            return ErrorKinds.RESET;
        }
        return null;
    }

    /** A response that does not follow HTTP: the message says what was malformed. */
    public static final class MalformedResponseException extends java.io.IOException {
        public MalformedResponseException(String message) {
            super(message);
        }
    }
}
