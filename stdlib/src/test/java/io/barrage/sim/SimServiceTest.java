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
        assertThatThrownBy(() -> SimConfig.defaults().withErrors(1.5, 500)).hasMessage("errors must be between 0% and 100%, got 1.5");
        assertThatThrownBy(() -> SimConfig.defaults().withLatency(Duration.ofMillis(20), Duration.ofMillis(5)))
                .hasMessage("latency must be a range min..max with 0 ≤ min ≤ max");
    }
}
