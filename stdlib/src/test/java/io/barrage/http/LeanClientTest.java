package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.testing.TestVus;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only the lean client does: connections per user and per pool, stale connections, local addresses. */
@Timeout(30)
class LeanClientTest {
    final TestVus vus = new TestVus();
    final HttpClients clients = new HttpClients("lean");
    RawServer raw;

    @AfterEach
    void stop() throws Exception {
        clients.close();
        if (raw != null) raw.close();
    }

    Http http(HttpConfig c, boolean persistent) {
        return new Http(c, clients.transport(c), vus.newVu(persistent));
    }

    /** A server that answers one request per connection and then closes it, without saying so. */
    static RawServer closingAfterEachAnswer() throws Exception {
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);
        return new RawServer(new RawServer.Script() {
            @Override public byte[] answer(int connection, int request) { return ok; }
            @Override public boolean closeAfter(int connection, int request) { return true; }
        });
    }

    @Test
    void anIdempotentRequestOnAConnectionTheServerClosedIsSentOnceMoreAndCounted() throws Exception {
        raw = closingAfterEachAnswer();
        try (Http http = http(HttpConfig.of(raw.url()), true)) {
            assertThat(http.get("/a").getText()).isEqualTo("ok");
            Thread.sleep(100);   // the server's FIN arrives
            HttpResponse again = http.get("/a");
            assertThat(again.getError()).isNull();
            assertThat(again.getText()).isEqualTo("ok");
        }
        vus.flush();
        assertThat(vus.metrics().step("GET /a").retries()).isEqualTo(1);
        assertThat(raw.connections.get()).isEqualTo(2);
    }

    @Test
    void aPostOnAConnectionTheServerClosedIsNotSentTwice() throws Exception {
        raw = closingAfterEachAnswer();
        try (Http http = http(HttpConfig.of(raw.url()), true)) {
            assertThat(http.get("/a").getText()).isEqualTo("ok");
            Thread.sleep(100);
            HttpResponse post = http.post("/orders", RequestOptions.options().json(java.util.Map.of("n", 1)));
            assertThat(post.getError()).isEqualTo(ErrorKinds.RESET);
        }
        assertThat(raw.requests.get()).isEqualTo(1);
    }

    @Test
    void aPostAfterALongIdleTimeChecksTheConnectionFirst() throws Exception {
        raw = closingAfterEachAnswer();
        try (Http http = http(HttpConfig.of(raw.url()), true)) {
            assertThat(http.get("/a").getText()).isEqualTo("ok");
            Thread.sleep(2_100);   // past CHECK_IDLE_NANOS: the server's close is found before the POST is sent
            HttpResponse post = http.post("/orders", RequestOptions.options().json(java.util.Map.of("n", 1)));
            assertThat(post.getError()).as(post.toString()).isNull();
            assertThat(post.getTimings().connect()).isGreaterThanOrEqualTo(0);
        }
        assertThat(raw.requests.get()).isEqualTo(2);
        assertThat(raw.connections.get()).isEqualTo(2);
    }

    @Test
    void aHealthyConnectionPassesTheCheckAndIsKept() throws Exception {
        raw = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Http http = http(HttpConfig.of(raw.url()), true)) {
            assertThat(http.get("/a").getText()).isEqualTo("ok");
            Thread.sleep(2_100);
            HttpResponse post = http.post("/orders", RequestOptions.options().json(java.util.Map.of("n", 1)));
            assertThat(post.getText()).as(post.toString()).isEqualTo("ok");
            assertThat(post.getTimings().connect()).isEqualTo(-1);
        }
        assertThat(raw.connections.get()).isEqualTo(1);
    }

    @Test
    void anOpenModelRetryTakesANewConnectionWithinTheBound() throws Exception {
        raw = closingAfterEachAnswer();
        HttpConfig c = HttpConfig.of(raw.url()).withMaxConnections(1);
        for (int i = 0; i < 4; i++) {
            try (Http http = http(c, false)) {
                HttpResponse r = http.get("/a");
                assertThat(r.getError()).as(r.toString()).isNull();
            }
            Thread.sleep(50);   // the server's FIN reaches the pooled connection
        }
        vus.flush();
        assertThat(vus.metrics().step("GET /a").retries()).isEqualTo(3);
        assertThat(raw.connections.get()).isEqualTo(4);
        assertThat(((io.barrage.http.lean.LeanTransport) clients.transport(c)).connectionsOpen()).isLessThanOrEqualTo(1);
    }

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void preparedConnectionsServeTheFirstOpenModelCallsWithoutAConnectAndWithinTheBound() throws Exception {
        raw = RawServer.answering(OK);
        HttpConfig c = HttpConfig.of(raw.url()).withMaxConnections(3);
        io.barrage.http.lean.LeanTransport t = (io.barrage.http.lean.LeanTransport) clients.transport(c);
        t.prepare(java.net.URI.create(raw.url()), 5, Duration.ofSeconds(1));        // more than maxConnections: the pool's bound holds
        assertThat(t.connectionsOpen()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            try (Http http = http(c, false)) {
                HttpResponse r = http.get("/a");
                assertThat(r.getText()).isEqualTo("ok");
                assertThat(r.getTimings().connect()).as("call %d connected", i).isNegative();
                assertThat(r.getTimings().poolWait()).isNegative();
            }
        }
        assertThat(t.connectionsOpened()).isEqualTo(3);
        assertThat(raw.connections.get()).isEqualTo(3);
    }

    @Test
    void aPreparedConnectionTheServerClosedBeforeItsFirstCallIsReplacedOnceForAGet() throws Exception {
        raw = RawServer.answering(OK);
        HttpConfig c = HttpConfig.of(raw.url());
        io.barrage.http.lean.LeanTransport t = (io.barrage.http.lean.LeanTransport) clients.transport(c);
        t.prepare(java.net.URI.create(raw.url()), 1, Duration.ofSeconds(1));
        while (raw.connections.get() < 1) Thread.sleep(5);
        raw.closeConnections();
        Thread.sleep(100);   // the server's FIN reaches the prepared connection
        try (Http http = http(c, false)) {
            HttpResponse r = http.get("/a");
            assertThat(r.getError()).as(r.toString()).isNull();
            assertThat(r.getText()).isEqualTo("ok");
        }
        vus.flush();
        assertThat(vus.metrics().step("GET /a").retries()).isEqualTo(1);
        assertThat(raw.connections.get()).isEqualTo(2);
    }

    @Test
    void preparingAgainstATargetThatRefusesOpensNothingAndRecordsNothing() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpConfig c = HttpConfig.of("http://127.0.0.1:" + port);
        io.barrage.http.lean.LeanTransport t = (io.barrage.http.lean.LeanTransport) clients.transport(c);
        t.prepare(java.net.URI.create("http://127.0.0.1:" + port), 10, Duration.ofSeconds(1));
        assertThat(t.connectionsOpen()).isZero();
        vus.flush();
        assertThat(vus.metrics().steps()).isEmpty();
    }

    @Test
    void preparingAgainstATargetThatDoesNotAcceptEndsWithinItsTimeKeepingWhatOpened() throws Exception {
        // a listener that never accepts: the kernel completes a backlog's worth of connects, then drops the rest
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + deaf.getLocalPort();
            HttpConfig c = HttpConfig.of(url).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
            io.barrage.http.lean.LeanTransport t = (io.barrage.http.lean.LeanTransport) clients.transport(c);
            long start = System.nanoTime();
            t.prepare(java.net.URI.create(url), 50, Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));   // not the 30 s connect timeout
            assertThat(t.connectionsOpen()).isBetween(1, 3);   // the backlog's worth, kept for the first calls
        }
    }

    @Test
    void openModelCallsShareABoundedPoolAndTheWaitIsTimed() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < 2; i++) server.enqueue(new MockResponse.Builder().code(200).body("x").headersDelay(300, TimeUnit.MILLISECONDS).build());
            HttpConfig c = HttpConfig.of(server.url("/").toString()).withMaxConnections(1);
            HttpResponse[] out = new HttpResponse[2];
            Thread[] users = new Thread[2];
            for (int i = 0; i < 2; i++) {
                int k = i;
                users[i] = Thread.ofVirtual().start(() -> {
                    try (Http http = http(c, false)) {
                        out[k] = http.get("/slow");
                    }
                });
            }
            for (Thread t : users) t.join();
            assertThat(out[0].getStatus()).isEqualTo(200);
            assertThat(out[1].getStatus()).isEqualTo(200);
            double waited = Math.max(out[0].getTimings().waitMillis(), out[1].getTimings().waitMillis());
            assertThat(waited).isGreaterThan(100);   // one waited for the other's connection
            assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(server.takeRequest().getConnectionIndex());
        }
    }

    @Test
    void connectionsBindToTheLocalAddressesGiven() throws Exception {
        raw = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        HttpConfig c = HttpConfig.of(raw.url()).withLocalAddresses(List.of("127.0.0.2", "127.0.0.3"));
        for (int i = 0; i < 2; i++) {
            try (Http http = http(c, true)) {
                assertThat(http.get("/").getText()).isEqualTo("ok");
            }
        }
        assertThat(raw.clients).extracting(InetAddress::getHostAddress).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
    }

    @Test
    void aClosedModelUserKeepsOneConnectionAndReleasesItWhenItLeaves() throws Exception {
        raw = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        HttpConfig c = HttpConfig.of(raw.url());
        try (Http http = http(c, true)) {
            for (int i = 0; i < 5; i++) assertThat(http.get("/").getText()).isEqualTo("ok");
        }
        assertThat(raw.connections.get()).isEqualTo(1);
        assertThat(((io.barrage.http.lean.LeanTransport) clients.transport(c)).connectionsOpen()).isZero();
    }

    @Test
    void theWholeCallTimeoutEndsASlowDripBody() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100)).throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
            HttpConfig c = HttpConfig.of(server.url("/").toString());
            long start = System.nanoTime();
            try (Http http = http(c, true)) {
                HttpResponse r = http.get("/drip", RequestOptions.options().timeout(Duration.ofMillis(400)));
                assertThat(r.getError()).isEqualTo(ErrorKinds.TIMEOUT);
                assertThat(r.getErrorMessage()).contains("longer than its timeout");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
