package io.barrage.http;

import static io.barrage.http.RequestOptions.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.testing.TestVus;
import io.barrage.engine.user.Vu;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What barrage's {@code http} API does, whatever client runs behind it: each client's test extends
 * this suite, so the clients cannot drift apart. Every peer is real and on loopback.
 */
abstract class HttpBehaviourTest {
    final MockWebServer server = new MockWebServer();
    final TestVus vus = new TestVus();
    HttpClients clients;

    abstract HttpConfig configure(HttpConfig config);

    @BeforeEach
    void startServer() throws Exception {
        server.start();
        clients = new HttpClients();
    }

    @AfterEach
    void stopServer() {
        clients.close();
        server.close();
    }

    Http http(Vu vu) {
        return http(vu, HttpConfig.of(server.url("/").toString()));
    }

    Http http(Vu vu, HttpConfig config) {
        HttpConfig c = configure(config);
        return new Http(c, clients.transport(c), vu);
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static MockResponse.Builder ok(String body) {
        return new MockResponse.Builder().code(200).body(body);
    }

    @Test
    void aRetriedCallIsRecordedOnceWithItsLastAnswerAndALatencyFromItsFirstTry() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        server.enqueue(ok("done").build());
        Vu vu = vus.newVu();
        RetryPolicy retry = new RetryPolicy(3, java.time.Duration.ofMillis(30), java.time.Duration.ofSeconds(1), 0, null, null);
        HttpResponse r = http(vu).get("/flaky", options().retry(retry));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(vus.requests("GET /flaky")).isEqualTo(1);
        assertThat(vus.errors("GET /flaky", "status_5xx")).isZero();
        assertThat(vus.metrics.step("GET /flaky").counter(RetryPolicy.COUNTER).total()).isEqualTo(2);
        // two waits of 30 ms and 60 ms (no jitter) are inside the call's latency
        var series = vus.metrics.step("GET /flaky").seriesIfPresent(io.barrage.engine.metrics.ScenarioMetrics.phaseSlot(0));
        assertThat(series.latencyTotal().getMaxValue()).isGreaterThanOrEqualTo(90_000);
    }

    @Test
    void retriesStopAtTheirAttemptsAndOnlyWhatThePolicyNames() throws Exception {
        for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        Vu vu = vus.newVu();
        RetryPolicy retry = new RetryPolicy(3, java.time.Duration.ZERO, java.time.Duration.ZERO, 0, null, null);
        assertThat(http(vu).get("/down", options().retry(retry)).getStatus()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(vus.requests("GET /down")).isEqualTo(1);
        assertThat(vus.errors("GET /down", "status_5xx")).isEqualTo(1);
        assertThat(http(vu).get("/five-hundred", options().retry(retry)).getStatus()).isEqualTo(500);   // 500 is not retried by default
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void getSendsHeadersAndQueryAndReadsTheResponse() throws Exception {
        server.enqueue(ok("{\"items\":[{\"id\":7}]}").addHeader("Content-Type", "application/json").addHeader("X-Backend", "b2").build());
        HttpResponse r = http(vus.newVu()).get("/catalog", options().header("Authorization", "Bearer t").query(ordered("page", 2, "q", "a b")));
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getTarget()).isEqualTo("/catalog?page=2&q=a+b");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer t");
        assertThat(req.getHeaders().get("User-Agent")).isEqualTo("barrage");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.header("x-backend")).isEqualTo("b2");
        assertThat(r.header("X-BACKEND")).isEqualTo("b2");
        assertThat(r.getJson()).isEqualTo(Map.of("items", List.of(Map.of("id", 7))));
        assertThat(r.isOk()).isTrue();
        assertThat(r.getStep()).isEqualTo("GET /catalog");
        assertThat(vus.requests("GET /catalog")).isEqualTo(1);
    }

    @Test
    void postSendsJsonAndFormBodies() throws Exception {
        server.enqueue(ok("{}").build());
        server.enqueue(ok("{}").build());
        Http http = http(vus.newVu());
        http.post("/cart", options().json(Map.of("sku", "A-1", "qty", 2)));
        http.post("/login", options().form(ordered("user", "load test", "pass", "p&q")));
        RecordedRequest json = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(json.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(JsonSupport.read(json.getBody().toByteArray())).isEqualTo(Map.of("sku", "A-1", "qty", 2));
        RecordedRequest form = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(form.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form.getBody().utf8()).isEqualTo("user=load+test&pass=p%26q");
    }

    @Test
    void everyMethodWorks() throws Exception {
        for (int i = 0; i < 6; i++) server.enqueue(ok("x").build());
        Http http = http(vus.newVu());
        http.get("/r");
        http.post("/r", options().body("b", "text/plain"));
        http.put("/r", options().json(List.of(1)));
        http.patch("/r", options().json(Map.of()));
        http.delete("/r");
        HttpResponse head = http.head("/r");
        List<String> methods = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) methods.add(server.takeRequest(5, TimeUnit.SECONDS).getMethod());
        assertThat(methods).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
        assertThat(head.getText()).isEmpty();
    }

    @Test
    void stepsGroupByEndpointNotByUrl() {
        for (int i = 0; i < 3; i++) server.enqueue(ok("x").build());
        Http http = http(vus.newVu());
        http.get("/items/42?color=red");
        http.get("/items/43");
        http.get("/items/7", options().step("item page"));
        assertThat(vus.requests("GET /items/{id}")).isEqualTo(2);
        assertThat(vus.requests("item page")).isEqualTo(1);
    }

    @Test
    void cookiesAreKeptPerVirtualUser() throws Exception {
        server.enqueue(ok("in").addHeader("Set-Cookie", "session=abc; Path=/").build());
        server.enqueue(ok("cart").build());
        server.enqueue(ok("other user").build());
        Http alice = http(vus.newVu());
        Http bob = http(vus.newVu());
        alice.post("/login", options());
        alice.get("/cart");
        bob.get("/cart");
        server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Cookie")).isEqualTo("session=abc");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Cookie")).isNull();
    }

    @Test
    void statusErrorsAreCountedByClass() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        Http http = http(vus.newVu());
        assertThat(http.get("/a").isOk()).isFalse();
        http.get("/b");
        vus.flush();
        assertThat(vus.errors("GET /a", ErrorKinds.STATUS_5XX)).isEqualTo(1);
        assertThat(vus.errors("GET /b", ErrorKinds.STATUS_4XX)).isEqualTo(1);
    }

    @Test
    void anExpectedStatusIsSuccessAndAnyOtherCountsByItsClassAsWithoutExpect() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        Http http = http(vus.newVu());
        HttpResponse missing = http.get("/gone", RequestOptions.NONE, r -> r.expectStatus(404));
        HttpResponse present = http.get("/there", RequestOptions.NONE, r -> r.expectStatus(201));
        HttpResponse expected = http.get("/broken", RequestOptions.NONE, r -> r.expectStatus(200));
        HttpResponse plain = http.get("/plain", RequestOptions.NONE, null);
        vus.flush();
        assertThat(missing.isOk()).isTrue();   // a 404 that was expected: the call did not fail
        assertThat(vus.errors("GET /gone", ErrorKinds.STATUS_4XX)).isZero();
        assertThat(vus.errors("GET /gone", ErrorKinds.CHECK_FAILED)).isZero();
        assertThat(present.isOk()).isFalse();
        assertThat(present.getFailedChecks()).containsExactly("status 200, expected 201");
        assertThat(vus.errors("GET /there", "status_2xx")).isEqualTo(1);
        // one kind of response, one name: a 500 is status_5xx with or without expect status
        assertThat(vus.errors("GET /broken", ErrorKinds.STATUS_5XX)).isEqualTo(1);
        assertThat(vus.errors("GET /broken", ErrorKinds.CHECK_FAILED)).isZero();
        assertThat(vus.errors("GET /plain", ErrorKinds.STATUS_5XX)).isEqualTo(1);
        assertThat(expected.isOk()).isFalse();
        assertThat(vus.warnings).isEmpty();
    }

    @Test
    void aCheckThatThrowsOrFailsCountsAsCheckFailed() {
        server.enqueue(ok("not json").build());
        server.enqueue(ok("{\"items\":[]}").build());
        Http http = http(vus.newVu());
        HttpResponse a = http.get("/a", RequestOptions.NONE, r -> r.expect("has items", r.getJson() != null));
        HttpResponse b = http.get("/b", RequestOptions.NONE, r -> r.expect("has items", !((List<?>) ((Map<?, ?>) r.getJson()).get("items")).isEmpty()));
        vus.flush();
        assertThat(a.getFailedChecks()).containsExactly("check threw IllegalStateException: the response of GET /a is not JSON (not json)");
        assertThat(b.getFailedChecks()).containsExactly("has items");
        assertThat(vus.errors("GET /a", ErrorKinds.CHECK_FAILED)).isEqualTo(1);
        assertThat(vus.errors("GET /b", ErrorKinds.CHECK_FAILED)).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsClassifiedNotThrown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpResponse r = http(vus.newVu(), HttpConfig.of("http://127.0.0.1:" + port)).get("/x");
        assertThat(r.getStatus()).isZero();
        assertThat(r.getError()).isEqualTo(ErrorKinds.REFUSED);
        vus.flush();
        assertThat(vus.errors("GET /x", ErrorKinds.REFUSED)).isEqualTo(1);
    }

    @Test
    void aSlowResponseTimesOut() {
        server.enqueue(ok("late").headersDelay(3, TimeUnit.SECONDS).build());
        HttpConfig config = HttpConfig.of(server.url("/").toString()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        HttpResponse r = http(vus.newVu(), config).get("/slow");
        assertThat(r.getError()).isEqualTo(ErrorKinds.TIMEOUT);
    }

    @Test
    void aPerRequestTimeoutOverridesTheDefault() {
        server.enqueue(ok("late").headersDelay(3, TimeUnit.SECONDS).build());
        HttpResponse r = http(vus.newVu()).get("/slow", options().timeout(Duration.ofMillis(200)));
        assertThat(r.getError()).isEqualTo(ErrorKinds.TIMEOUT);
    }

    @Test
    void aConnectionClosedAfterTheRequestIsAReset() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        HttpResponse r = http(vus.newVu()).get("/drop");
        assertThat(r.getError()).isEqualTo(ErrorKinds.RESET);
    }

    @Test
    void aConnectionClosedMidBodyIsAReset() {
        server.enqueue(ok("x".repeat(100_000)).onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        HttpResponse r = http(vus.newVu()).get("/half");
        assertThat(r.getError()).isIn(ErrorKinds.RESET, ErrorKinds.PROTOCOL);
    }

    @Test
    void chunkedAndThrottledBodiesArriveWhole() {
        server.enqueue(new MockResponse.Builder().chunkedBody("0123456789".repeat(100), 7).build());
        server.enqueue(ok("abcdefghij").throttleBody(2, 10, TimeUnit.MILLISECONDS).build());
        Http http = http(vus.newVu());
        assertThat(http.get("/chunked").getText()).hasSize(1000);
        HttpResponse slow = http.get("/throttled");
        assertThat(slow.getText()).isEqualTo("abcdefghij");
        assertThat(slow.getTimings().bodyMillis()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void anUntrustedCertificateIsATlsError() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        try (MockWebServer tls = new MockWebServer()) {
            tls.useHttps(serverCerts.sslSocketFactory());
            tls.start(java.net.InetAddress.getLoopbackAddress(), 0);
            tls.enqueue(ok("secret").build());
            HttpResponse r = http(vus.newVu(), HttpConfig.of("https://localhost:" + tls.getPort())).get("/");
            assertThat(r.getError()).isEqualTo(ErrorKinds.TLS);
        }
    }

    @Test
    void timingsShowTheConnectOnlyOnTheFirstCall() {
        server.enqueue(ok("1").build());
        server.enqueue(ok("2").build());
        Http http = http(vus.newVu());
        HttpTimings first = http.get("/one").getTimings();
        HttpTimings second = http.get("/two").getTimings();
        assertThat(first.connect()).isGreaterThanOrEqualTo(0);
        assertThat(second.connect()).isEqualTo(-1);
        assertThat(first.firstByte()).isGreaterThanOrEqualTo(0);
        assertThat(first.total()).isGreaterThanOrEqualTo(first.firstByte());
        assertThat(first.tls()).isEqualTo(-1);
    }

    @Test
    void aRelativeUrlWithoutATargetIsExplained() {
        Http http = http(vus.newVu(), HttpConfig.of(null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.get("/x"))
                .hasMessage("'/x' is a relative URL and the scenario has no target: add target 'http://host:port'");
    }

    @Test
    void compressedBodiesAreDecodedWhenAskedFor() throws Exception {
        okio.Buffer gz = new okio.Buffer();
        try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gz))) {
            sink.writeUtf8("hello ".repeat(50));
        }
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip").body(gz).build());
        HttpResponse r = http(vus.newVu(), HttpConfig.of(server.url("/").toString()).withCompression(true)).get("/gz");
        assertThat(r.getText()).isEqualTo("hello ".repeat(50));
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept-Encoding")).contains("gzip");
    }

    @Test
    void redirectsAreFollowedOnlyWhenAskedFor() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b").build());
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b").build());
        server.enqueue(ok("landed").build());
        assertThat(http(vus.newVu()).get("/a").getStatus()).isEqualTo(302);
        HttpResponse followed = http(vus.newVu(), HttpConfig.of(server.url("/").toString()).withFollowRedirects(true)).get("/a");
        assertThat(followed.getStatus()).isEqualTo(200);
        assertThat(followed.getText()).isEqualTo("landed");
        server.takeRequest(5, TimeUnit.SECONDS);
        server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/b");
    }

    @Test
    void bodilessResponsesKeepTheConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());   // HEAD
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(new MockResponse.Builder().code(304).build());
        server.enqueue(ok("after").build());
        Http http = http(vus.newVu());
        HttpResponse head = http.head("/h");
        assertThat(head.getStatus()).as(head.toString()).isEqualTo(200);
        assertThat(http.get("/no-content").getStatus()).isEqualTo(204);
        assertThat(http.get("/not-modified").getStatus()).isEqualTo(304);
        assertThat(http.get("/after").getText()).isEqualTo("after");
        for (int i = 0; i < 4; i++) assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isZero();
    }

    @Test
    void informationalResponsesAreSkipped() {
        server.enqueue(ok("final").addInformationalResponse(new MockResponse.Builder().code(103).addHeader("Link", "</a.css>").build()).build());
        HttpResponse r = http(vus.newVu()).get("/hints");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getText()).isEqualTo("final");
    }

    @Test
    void aBodyFromAStreamIsSentWhole() throws Exception {
        server.enqueue(ok("got it").build());
        byte[] data = "0123456789".repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse r = http(vus.newVu()).post("/upload", options().body(new java.io.ByteArrayInputStream(data), "application/octet-stream"));
        assertThat(r.getStatus()).isEqualTo(200);
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getBody().toByteArray()).isEqualTo(data);
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void connectionCloseFromTheServerMeansANewConnection() throws Exception {
        server.enqueue(ok("1").addHeader("Connection", "close").build());
        server.enqueue(ok("2").build());
        Http http = http(vus.newVu());
        assertThat(http.get("/one").getText()).isEqualTo("1");
        HttpResponse second = http.get("/two");
        assertThat(second.getText()).isEqualTo("2");
        assertThat(second.getTimings().connect()).isGreaterThanOrEqualTo(0);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isNotEqualTo(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
    }

    @Test
    void aTrustStoreOrInsecureLetsAPrivateCertificateThrough() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        java.nio.file.Path store = java.nio.file.Files.createTempFile("barrage-trust", ".p12");
        try (MockWebServer tls = new MockWebServer()) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("target", cert.certificate());
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(store)) {
                ks.store(out, "secret".toCharArray());
            }
            tls.useHttps(serverCerts.sslSocketFactory());
            tls.start(java.net.InetAddress.getLoopbackAddress(), 0);
            tls.enqueue(ok("trusted").build());
            tls.enqueue(ok("again").build());
            tls.enqueue(ok("insecure").build());
            String url = "https://localhost:" + tls.getPort();
            Http trusting = http(vus.newVu(), HttpConfig.of(url).withTrustStore(store.toString(), "secret"));
            HttpResponse r = trusting.get("/");
            assertThat(r.getError()).isNull();
            assertThat(r.getText()).isEqualTo("trusted");
            assertThat(r.getProtocol()).isEqualTo("http/1.1");
            assertThat(r.getTimings().tls()).isGreaterThanOrEqualTo(0);
            assertThat(trusting.get("/").getTimings().tls()).isEqualTo(-1);   // kept alive: no second handshake
            HttpResponse insecure = http(vus.newVu(), HttpConfig.of(url).withInsecure(true)).get("/");
            assertThat(insecure.getText()).isEqualTo("insecure");
        } finally {
            java.nio.file.Files.deleteIfExists(store);
        }
    }

    @Test
    void aPathOutsideAsciiIsSentPercentEncoded() throws Exception {
        server.enqueue(ok("x").build());
        assertThat(http(vus.newVu()).get("/café").getStatus()).isEqualTo(200);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/caf%C3%A9");
    }
}
