package io.barrage.sim;

import static io.barrage.http.RequestOptions.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.testing.TestVus;
import io.barrage.http.Http;
import io.barrage.http.HttpClients;
import io.barrage.http.HttpConfig;
import io.barrage.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimServiceTest {
    final TestVus vus = new TestVus();

    @Test
    void itServesItsRoutesOnLoopback() throws Exception {
        try (SimService sim = SimService.start(SimConfig.defaults()); HttpClients clients = new HttpClients()) {
            assertThat(sim.url()).startsWith("http://127.0.0.1:");
            HttpConfig c = HttpConfig.of(sim.url());
            Http http = new Http(c, clients.transport(c), vus.newVu());
            assertThat(http.get("/fast").getText()).isEqualTo("ok");
            assertThat(http.get("/json").getBody()).hasSize(1024);
            assertThat(((Map<?, ?>) http.get("/items/5").getJson()).get("sku")).isEqualTo("SKU-5");
            assertThat(http.get("/items/abc").getStatus()).isEqualTo(404);
            assertThat((List<?>) ((Map<?, ?>) http.get("/items").getJson()).get("items")).hasSize(20);
            assertThat(http.get("/status/418").getStatus()).isEqualTo(418);
            assertThat(http.get("/error").getStatus()).isEqualTo(500);
            assertThat(http.get("/cart").getStatus()).isEqualTo(401);
            HttpResponse login = http.post("/login", options());
            assertThat(((Map<?, ?>) login.getJson()).get("token")).isNotNull();
            assertThat(http.post("/cart", options().json(Map.of("sku", "A"))).getStatus()).isEqualTo(201);
            assertThat((List<?>) ((Map<?, ?>) http.get("/cart").getJson()).get("items")).hasSize(1);
            Map<?, ?> echo = (Map<?, ?>) http.post("/echo?x=1", options().body("hi", "text/plain")).getJson();
            assertThat(echo.get("method")).isEqualTo("POST");
            assertThat(echo.get("query")).isEqualTo("x=1");
            assertThat(echo.get("body")).isEqualTo("hi");
            assertThat(http.get("/metrics").getText()).contains("barrage_sim_requests_total{route=\"/fast\"} 1");
            assertThat(sim.count("/items/{id}")).isEqualTo(2);
        }
    }

    @Test
    void headAnd204RequestsAreAnsweredAsHttpWantsAndNothingReachesTheConsole() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String seen;
        try (SimService sim = SimService.start(SimConfig.defaults()); io.barrage.engine.testing.Console console = io.barrage.engine.testing.Console.capture()) {
            for (String path : List.of("/items", "/items/5", "/fast", "/metrics", "/_sim", "/_sim/faults", "/nowhere")) {
                java.net.http.HttpResponse<String> get = send(client, "GET", sim.url() + path);
                java.net.http.HttpResponse<String> head = send(client, "HEAD", sim.url() + path);
                assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
                assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
                assertThat(head.body()).as(path).isEmpty();
            }
            assertThat(send(client, "HEAD", sim.url() + "/items").headers().firstValueAsLong("Content-Length"))
                    .hasValue(send(client, "GET", sim.url() + "/items").body().length());
            for (int code : new int[] {204, 304}) {
                java.net.http.HttpResponse<String> r = send(client, "GET", sim.url() + "/status/" + code);
                assertThat(r.statusCode()).isEqualTo(code);
                assertThat(r.body()).isEmpty();
            }
            seen = console.seen();
        }
        assertThat(seen).isEmpty();
    }

    static java.net.http.HttpResponse<String> send(java.net.http.HttpClient client, String method, String url) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itInjectsTheConfiguredErrorsAndLatency() throws Exception {
        SimConfig config = SimConfig.defaults().withErrors(1.0, 503).withLatency(Duration.ofMillis(20), Duration.ofMillis(20));
        try (SimService sim = SimService.start(config); HttpClients clients = new HttpClients()) {
            HttpConfig c = HttpConfig.of(sim.url());
            Http http = new Http(c, clients.transport(c), vus.newVu());
            HttpResponse r = http.get("/json");
            assertThat(r.getStatus()).isEqualTo(503);
            assertThat(r.getTimings().totalMillis()).isGreaterThanOrEqualTo(20);
            assertThat(http.get("/fast").getStatus()).isEqualTo(200);
        }
    }

    @Test
    void badSettingsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SimConfig.defaults().withErrors(1.5, 500)).hasMessage("backend b1: errors must be between 0% and 100%, got 1.5");
        assertThatThrownBy(() -> SimConfig.defaults().withLatency(Duration.ofMillis(20), Duration.ofMillis(5)))
                .hasMessage("latency must be a range min..max with 0 ≤ min ≤ max");
    }

    static Http http(SimService sim, HttpClients clients) {
        HttpConfig c = HttpConfig.of(sim.url());
        return new Http(c, clients.transport(c), new TestVus().newVu());
    }

    @Test
    void eachResponseNamesItsBackendAndTheBalancerSpreadsThem() throws Exception {
        try (SimService sim = SimService.start(SimConfig.defaults().withBackends(4)); HttpClients clients = new HttpClients()) {
            Http http = http(sim, clients);
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            for (int i = 0; i < 40; i++) seen.merge(http.get("/fast").header("X-Backend"), 1, Integer::sum);
            assertThat(seen).containsOnly(Map.entry("b1", 10), Map.entry("b2", 10), Map.entry("b3", 10), Map.entry("b4", 10));
            assertThat(sim.served("b3")).isEqualTo(10);
            String metrics = http.get("/metrics").getText();
            assertThat(metrics).contains("barrage_sim_backend_requests_total{backend=\"b2\"} 10")
                    .contains("barrage_sim_backend_healthy{backend=\"b4\"} 1")
                    .contains("barrage_sim_backend_latency_seconds_count{backend=\"b1\"} 10");
        }
    }

    @Test
    void faultsSwitchedThroughTheApiShowInResponsesAndState() throws Exception {
        SimConfig config = SimConfig.defaults().withBackends(2).withHealth(HealthCheck.OFF).withUpstreamTimeout(Duration.ofMillis(200));
        try (SimService sim = SimService.start(config); HttpClients clients = new HttpClients()) {
            Http http = http(sim, clients);
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            sim.listen((m, d) -> events.add(m));
            HttpResponse on = http.post("/_sim/faults", options().json(Map.of("fault", "down", "backend", "b2")));
            assertThat(on.getStatus()).isEqualTo(200);
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (int i = 0; i < 10; i++) statuses.merge(http.get("/fast").getStatus(), 1, Integer::sum);
            assertThat(statuses).containsOnly(Map.entry(200, 5), Map.entry(502, 5));   // no health check: b2 stays in rotation
            assertThat(http.delete("/_sim/faults").getStatus()).isEqualTo(200);
            http.post("/_sim/faults", options().json(Map.of("fault", "hang", "backend", "b1")));
            HttpResponse hung = http.get("/fast");
            HttpResponse next = http.get("/fast");
            assertThat(List.of(hung.getStatus(), next.getStatus())).containsExactlyInAnyOrder(504, 200);
            http.post("/_sim/faults", options().json(Map.of("fault", "errors", "backend", "all", "rate", "100%", "status", 503)));
            Map<?, ?> state = (Map<?, ?>) http.get("/_sim").getJson();
            assertThat(state.get("faults")).isEqualTo(List.of("hang b1", "errors all backends 100% 503"));
            assertThat(sim.faults()).hasSize(2);
            assertThat(http.delete("/_sim/faults?backend=b1").getStatus()).isEqualTo(200);
            assertThat(sim.faults()).extracting(Fault::describe).containsExactly("errors all backends 100% 503");
            assertThat(http.get("/json").getStatus()).isEqualTo(503);
            assertThat(events).contains("fault on: down b2 (api)", "fault off: down b2 (api)", "fault on: hang b1 (api)");
        }
    }

    @Test
    void badApiRequestsGetA400AndChangeNothing() throws Exception {
        try (SimService sim = SimService.start(SimConfig.defaults().withBackends(2)); HttpClients clients = new HttpClients()) {
            Http http = http(sim, clients);
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put("not json", "the body is not JSON: send {\"fault\":\"down\",\"backend\":\"b1\"}");
            cases.put("[1]", "the body must be a JSON object such as {\"fault\":\"down\",\"backend\":\"b1\"}");
            cases.put("{\"fault\":\"explode\"}", "fault 'explode' is not one of down, hang, partition, slow, errors");
            cases.put("{\"fault\":\"down\",\"backend\":\"b9\"}", "no backend 'b9'; the backends are b1, b2");
            cases.put("{\"fault\":\"slow\",\"backend\":\"b1\"}", "a slow fault needs a latency > 0, such as 200ms");
            cases.put("{\"fault\":\"errors\",\"rate\":\"lots\"}", "'rate' must be a share such as \"20%\" or 0.2, got 'lots'");
            cases.put("{\"fault\":\"down\",\"colour\":\"red\"}", "'colour' is not a field of a fault (valid: fault, backend, latency, rate, status)");
            for (Map.Entry<String, String> c : cases.entrySet()) {
                HttpResponse r = http.post("/_sim/faults", options().body(c.getKey(), "application/json"));
                assertThat(r.getStatus()).as(c.getKey()).isEqualTo(400);
                assertThat(((Map<?, ?>) r.getJson()).get("error")).as(c.getKey()).isEqualTo(c.getValue());
            }
            assertThat(http.get("/_sim/nothing").getStatus()).isEqualTo(404);
            assertThat(http.delete("/_sim/faults?backend=b7").getStatus()).isEqualTo(400);
            assertThat(sim.faults()).isEmpty();
            assertThat(http.get("/fast").getStatus()).isEqualTo(200);
        }
    }

    @Test
    void withEveryBackendOutOfRotationTheBalancerAnswers503() throws Exception {
        SimConfig config = SimConfig.defaults().withBackends(2).withFaults(List.of(Fault.down("b1"), Fault.partition("b2")));
        try (SimService sim = SimService.start(config); HttpClients clients = new HttpClients()) {
            sim.checkHealth();
            sim.checkHealth();
            assertThat(sim.inRotation()).isEmpty();
            HttpResponse r = http(sim, clients).get("/fast");
            assertThat(r.getStatus()).isEqualTo(503);
            assertThat(r.getText()).contains("no backend in rotation");
        }
    }

    @Test
    void configuredRoutesAnswerAsConfigured() throws Exception {
        SimConfig config = SimConfig.defaults().withRoutes(List.of(
                new Route("POST", "/orders/{id}/pay", 201, "{\"paid\":true}", 0, LatencyModel.ZERO, 0),
                new Route(null, "/blob", 200, null, 4096, LatencyModel.ZERO, 0)));
        try (SimService sim = SimService.start(config); HttpClients clients = new HttpClients()) {
            Http http = http(sim, clients);
            HttpResponse pay = http.post("/orders/7/pay", options());
            assertThat(pay.getStatus()).isEqualTo(201);
            assertThat(((Map<?, ?>) pay.getJson()).get("paid")).isEqualTo(true);
            assertThat(http.get("/orders/7/pay").getStatus()).isEqualTo(404);   // GET is not the configured method
            assertThat(http.get("/blob").getBody()).hasSize(4096);
        }
    }
}
