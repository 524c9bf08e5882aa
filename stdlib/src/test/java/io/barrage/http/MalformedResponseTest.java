package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.testing.TestVus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers that break HTTP: every malformed response is a classified error of the call that got
 * it — never a hang past the timeout, never an exception out of the API — with both clients.
 */
@Timeout(20)
class MalformedResponseTest {
    final TestVus vus = new TestVus();
    final HttpClients clients = new HttpClients();
    RawServer server;

    @AfterEach
    void stop() throws Exception {
        clients.close();
        if (server != null) server.close();
    }

    HttpResponse get(String client, String path) {
        HttpConfig c = HttpConfig.of(server.url()).withClient(client).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));
        try (Http http = new Http(c, clients.transport(c), vus.newVu())) {
            return http.get(path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aBadStatusLineIsAProtocolError(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n");
        HttpResponse r = get(client, "/");
        assertThat(r.getError()).isEqualTo(ErrorKinds.PROTOCOL);
        if (client.equals("lean")) assertThat(r.getErrorMessage()).contains("bad status line: \"HTTP/1.1 OK\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aResponseThatIsNotHttpIsAProtocolError(String client) throws Exception {
        server = RawServer.answeringThenClosing("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        assertThat(get(client, "/").getError()).isEqualTo(ErrorKinds.PROTOCOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void oversizedHeadersAreAnErrorNotAnOutOfMemory(String client) throws Exception {
        server = RawServer.answeringThenClosing("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(300_000) + "\r\nContent-Length: 0\r\n\r\n");
        HttpResponse r = get(client, "/");
        assertThat(r.getStatus()).isZero();
        if (client.equals("lean")) {
            assertThat(r.getError()).isEqualTo(ErrorKinds.PROTOCOL);
            assertThat(r.getErrorMessage()).contains("response headers larger than 64 KB");
        } else {
            assertThat(r.getError()).isIn(ErrorKinds.PROTOCOL, ErrorKinds.RESET);   // OkHttp stops reading at 256 KB
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aBodyShorterThanItsContentLengthThenCloseIsAReset(String client) throws Exception {
        server = RawServer.answeringThenClosing("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        HttpResponse r = get(client, "/");
        assertThat(r.getError()).isIn(ErrorKinds.RESET, ErrorKinds.PROTOCOL);
        if (client.equals("lean")) assertThat(r.getErrorMessage()).contains("after 3 of 10 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aBodyShorterThanItsContentLengthOnAnOpenConnectionTimesOut(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(get(client, "/").getError()).isEqualTo(ErrorKinds.TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aBadContentLengthIsAProtocolError(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nabc");
        // OkHttp ignores a Content-Length it cannot read and waits for the end of the connection
        assertThat(get(client, "/").getError()).isEqualTo(client.equals("lean") ? ErrorKinds.PROTOCOL : ErrorKinds.TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aTruncatedChunkIsAnError(String client) throws Exception {
        server = RawServer.answeringThenClosing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n01234");
        assertThat(get(client, "/").getError()).isIn(ErrorKinds.RESET, ErrorKinds.PROTOCOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aBadChunkSizeIsAProtocolError(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        assertThat(get(client, "/").getError()).isEqualTo(ErrorKinds.PROTOCOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aChunkLongerThanItsSizeIsAProtocolError(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n");
        HttpResponse r = get(client, "/");
        if (client.equals("lean")) assertThat(r.getError()).isEqualTo(ErrorKinds.PROTOCOL);
        else assertThat(r.getError()).isIn(null, ErrorKinds.PROTOCOL);   // OkHttp skips what follows a chunk's data

    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void garbageAfterTheBodyIsAProtocolErrorNoLaterThanTheNextCall(String client) throws Exception {
        server = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE");
        HttpConfig c = HttpConfig.of(server.url()).withClient(client).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));
        try (Http http = new Http(c, clients.transport(c), vus.newVu())) {
            HttpResponse first = http.get("/");
            HttpResponse second = first.getError() == null ? http.get("/") : first;
            assertThat(second.getError()).isEqualTo(ErrorKinds.PROTOCOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aServerThatNeverAnswersTimesOut(String client) throws Exception {
        server = new RawServer((conn, req) -> null);
        long start = System.nanoTime();
        assertThat(get(client, "/").getError()).isEqualTo(ErrorKinds.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void aServerThatClosesWithoutAnsweringIsAReset(String client) throws Exception {
        server = new RawServer(new RawServer.Script() {
            @Override public byte[] answer(int connection, int request) { return new byte[0]; }
            @Override public boolean closeAfter(int connection, int request) { return true; }
        });
        assertThat(get(client, "/").getError()).isEqualTo(ErrorKinds.RESET);
    }
}
