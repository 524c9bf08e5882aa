package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.ErrorKinds;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures the loopback tests cannot provoke safely (a DNS lookup leaves the machine) are classified here. */
class HttpErrorsTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new UnknownHostException("shop.example: Name or service not known"), ErrorKinds.DNS),
                Arguments.of(new ConnectException("Connection refused"), ErrorKinds.REFUSED),
                Arguments.of(new ConnectException("connect timed out"), ErrorKinds.TIMEOUT),
                Arguments.of(new SocketTimeoutException("Read timed out"), ErrorKinds.TIMEOUT),
                Arguments.of(new InterruptedIOException("timeout"), ErrorKinds.TIMEOUT),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), ErrorKinds.TLS),
                Arguments.of(new SocketException("Connection reset"), ErrorKinds.RESET),
                Arguments.of(new SocketException("Broken pipe"), ErrorKinds.RESET),
                Arguments.of(new EOFException("\\n not found: limit=0"), ErrorKinds.RESET),
                Arguments.of(new IOException("unexpected end of stream on http://127.0.0.1/..."), ErrorKinds.RESET),
                Arguments.of(new ProtocolException("Unexpected status line: HTTP/1.1 abc"), ErrorKinds.PROTOCOL),
                Arguments.of(new IOException("wrapped", new UnknownHostException("x")), ErrorKinds.DNS),
                Arguments.of(new IOException("something else"), ErrorKinds.IO));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("failures")
    void transportFailuresAreClassified(Throwable failure, String kind) {
        assertThat(HttpErrors.classify(failure)).isEqualTo(kind);
    }
}
