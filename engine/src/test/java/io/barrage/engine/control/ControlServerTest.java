package io.barrage.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.results.Json;
import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.testing.Await;
import io.barrage.engine.testing.Console;
import io.barrage.engine.testing.Plans;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API over real HTTP on loopback, steering a real run (of no-op users: no target needed). */
class ControlServerTest {
    static final String TOKEN = "0123456789abcdef0123";
    final HttpClient client = HttpClient.newHttpClient();
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    Run run;
    ControlServer api;

    @BeforeEach
    void start() throws Exception {
        TestPlan plan = Plans.plan("ctl", Plans.scenario("open", vu -> {}, Plans.holdRate("steady", 50, Duration.ofSeconds(60)),
                Plans.holdRate("after", 20, Duration.ofSeconds(60))));
        run = Run.start(plan, RunOptions.defaults().withOutputs(List.of(new Output() {
            @Override
            public void onEvent(RunEvent e) {
                events.add(e);
            }
        })));
        api = ControlServer.start(run, "127.0.0.1", 0, TOKEN, false);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"running".equals(run.state()) && System.nanoTime() < deadline) Thread.sleep(10);
    }

    @AfterEach
    void stop() throws Exception {
        run.stop("test over", "test");
        run.await();
        api.close();
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return call("POST", path, body, TOKEN);
    }

    static String error(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).get("error").asText();
    }

    @Test
    void everyRequestNeedsTheToken() throws Exception {
        for (String path : List.of("/status", "/metrics", "/events", "/control/stop")) {
            HttpResponse<String> none = call(path.startsWith("/control") ? "POST" : "GET", path, null, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"barrage\"");
            assertThat(call("GET", path, null, TOKEN + "x").statusCode()).isEqualTo(401);
            assertThat(call("GET", path, null, TOKEN.substring(1)).statusCode()).isEqualTo(401);
        }
        assertThat(run.stopRequested()).isFalse();
    }

    @Test
    void statusAndMetricsTellTheRunNow() throws Exception {
        JsonNode s = Json.MAPPER.readTree(call("GET", "/status", null, TOKEN).body());
        assertThat(s.get("state").asText()).isEqualTo("running");
        assertThat(s.get("scenarios").get(0).get("phase").asText()).isEqualTo("steady");
        assertThat(s.get("scenarios").get(0).get("target").asDouble()).isEqualTo(50);
        String metrics = call("GET", "/metrics", null, TOKEN).body();
        assertThat(metrics).contains("# TYPE barrage_users gauge")
                .containsPattern("barrage_target\\{run_id=\"ctl-[0-9-]+\",scenario=\"open\"} 50.0\n")
                .containsPattern("barrage_running\\{run_id=\"ctl-[0-9-]+\"} 1.0\n");
    }

    @Test
    void metricsAreTheLastIntervalsCountersAndHistogramsFedAsAnOutputGivenBeforeTheStart() throws Exception {
        // the way a launcher serves a run: the API's outputs among the run's, then serve(control, view)
        ControlServer second = ControlServer.bind("127.0.0.1", 0, TOKEN, false);
        TestPlan plan = io.barrage.engine.testing.Plans.plan("metered", Plans.scenario("calls", vu -> {
            long end = vu.clock().nanoTime();
            vu.step("GET /x").record(end - 3_000_000, end - 2_000_000, end, null);       // 3 ms latency, 2 ms service
            vu.step("GET /x").counter("tokens").add(2);
        }, Plans.holdRate("steady", 40, Duration.ofSeconds(60))));
        Run metered = Run.prepare(plan, RunOptions.defaults().withOutputs(second.outputs()));
        metered.meters().gauge("queue_depth", java.util.Map.of("queue", "emails"), () -> 12);
        metered.meters().counter("jobs_pushed_total", java.util.Map.of()).add(5);
        metered.start();
        try (second) {
            second.serve(metered, metered.view());
            // the series follow the run's intervals: wait for one with calls to reach them
            java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> last = new java.util.concurrent.atomic.AtomicReference<>();
            Await.until("a first interval with calls in /metrics", () -> {
                try {
                    last.set(client.send(HttpRequest.newBuilder(URI.create(second.url() + "/metrics"))
                            .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()));
                } catch (java.io.IOException | InterruptedException e) {
                    return false;
                }
                return java.util.regex.Pattern.compile("barrage_requests_per_second\\{[^}]*} [1-9]").matcher(last.get().body()).find();
            });
            HttpResponse<String> r = last.get();
            String run = "run_id=\"metered-[0-9-]+\"";
            String step = "phase=\"steady\"," + run + ",scenario=\"calls\",step=\"GET /x\"";
            assertThat(r.body()).contains("# TYPE barrage_latency_seconds histogram", "# TYPE barrage_schedule_lag_seconds histogram")
                    .containsPattern("barrage_running\\{" + run + "} 1.0\n")
                    .containsPattern("barrage_target\\{" + run + ",scenario=\"calls\"} 40.0\n")
                    .containsPattern("barrage_requests_total\\{" + run + ",scenario=\"calls\",step=\"GET /x\"} [1-9]\\d*.0\n")
                    .containsPattern("barrage_requests_per_second\\{" + run + ",scenario=\"calls\"} [1-9]")
                    // 3 ms latency: all of it under le="0.005", none under le="0.0025"
                    .containsPattern("barrage_latency_seconds_bucket\\{" + step + ",le=\"0.0025\"} 0\n")
                    .containsPattern("barrage_latency_seconds_count\\{" + step + "} ([1-9]\\d*)\n")
                    .containsPattern("barrage_schedule_lag_seconds_count\\{phase=\"steady\"," + run + ",scenario=\"calls\"} [1-9]\\d*\n")
                    .contains("# TYPE queue_depth gauge\n", "# TYPE jobs_pushed_total counter\n")
                    .containsPattern("queue_depth\\{queue=\"emails\"," + run + "} 12.0\n")
                    .containsPattern("jobs_pushed_total\\{" + run + "} 5.0\n")
                    .containsPattern("barrage_step_counter_total\\{name=\"tokens\"," + run + ",scenario=\"calls\",step=\"GET /x\"} [1-9]\\d*.0\n");
            java.util.regex.Matcher le5 = java.util.regex.Pattern.compile("barrage_latency_seconds_bucket\\{" + step + ",le=\"0.005\"} (\\d+)\n").matcher(r.body());
            java.util.regex.Matcher count = java.util.regex.Pattern.compile("barrage_latency_seconds_count\\{" + step + "} (\\d+)\n").matcher(r.body());
            assertThat(le5.find() && count.find()).isTrue();
            assertThat(le5.group(1)).isEqualTo(count.group(1));
        } finally {
            metered.stop("test over", "test");
            metered.await();
        }
    }

    @Test
    void commandsSteerTheRunAndBecomeEventsWithTheirOrigin() throws Exception {
        assertThat(post("/control/rate", "{\"rate\": 120}").statusCode()).isEqualTo(200);
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(120);
        assertThat(post("/control/rate", "{\"factor\": 1.5}").body()).contains("\"open\":180.0");
        assertThat(post("/control/pause", null).statusCode()).isEqualTo(200);
        assertThat(run.status().paused()).isTrue();
        assertThat(post("/control/resume", "{}").statusCode()).isEqualTo(200);
        assertThat(run.status().paused()).isFalse();
        assertThat(post("/control/phase", "{\"action\": \"extend\", \"by\": \"30s\"}").statusCode()).isEqualTo(200);
        assertThat(run.status().scenarios().get(0).phaseDurationSeconds()).isEqualTo(90);
        assertThat(post("/control/phase", "{\"action\": \"next\"}").statusCode()).isEqualTo(200);
        assertThat(run.status().scenarios().get(0).phase()).isEqualTo("after");
        assertThat(post("/control/stop", "{\"reason\": \"enough\"}").statusCode()).isEqualTo(200);
        RunSummary summary = run.await();
        assertThat(summary.reason()).isEqualTo("enough");
        List<String> control = new ArrayList<>();
        for (RunEvent e : events) {
            if (e.type().equals(RunEvent.TYPE_CONTROL)) control.add(e.origin() + ": " + e.message().replaceAll("resumed after .*", "resumed"));
        }
        assertThat(control).containsExactly(
                "api 127.0.0.1: rate set to 120/s for the rest of phase 'steady'",
                "api 127.0.0.1: rate set to 180/s for the rest of phase 'steady'",
                "api 127.0.0.1: paused",
                "api 127.0.0.1: resumed",
                "api 127.0.0.1: phase 'steady' extended by 30s",
                "api 127.0.0.1: phase 'steady' skipped",
                "api 127.0.0.1: stop: enough");
    }

    @Test
    void aBatchOfMalformedRequestsGetsClearAnswersAndChangesNothing() throws Exception {
        Object[][] cases = {
                {"POST", "/control/rate", "{rate: 3", 400, "malformed JSON: "},
                {"POST", "/control/rate", "[1, 2]", 400, "the body must be a JSON object, such as {\"rate\": 300}"},
                {"POST", "/control/rate", "{\"rate\": \"fast\"}", 400, "\"rate\" must be a number, got \"fast\""},
                {"POST", "/control/rate", "{\"rate\": -5}", 400, "rate must be a number ≥ 0, got -5.0"},
                {"POST", "/control/rate", "{\"rate\": 5, \"factor\": 2}", 400, "rate needs either \"rate\": arrivals/s or \"factor\": a multiplier of the current rate"},
                {"POST", "/control/rate", "{\"factor\": 1e9}", 400, "factor must be > 0 and ≤ 100, got 1.0E9"},
                {"POST", "/control/rate", "{\"rate\": 5, \"scenario\": \"nope\"}", 400, "no scenario named 'nope' (scenarios: open)"},
                {"POST", "/control/rate", "{\"speed\": 5}", 400, "'speed' is not a field of rate (valid: rate, factor, scenario)"},
                {"POST", "/control/users", "{\"users\": 10}", 400, "'users' applies to users: scenarios, and this run has none"},
                {"POST", "/control/users", "{\"users\": 1.5}", 400, "\"users\" must be a whole number ≥ 0, got 1.5"},
                {"POST", "/control/phase", "{\"action\": \"back\"}", 400, "phase needs \"action\": \"next\" or \"extend\""},
                {"POST", "/control/phase", "{\"action\": \"extend\", \"by\": \"soon\"}", 400, "'soon' is not a duration (examples: 250ms, 10s, 2m, 1h30m)"},
                {"POST", "/control/pause", "{\"now\": true}", 400, "'now' is not a field of pause (it takes none)"},
                {"POST", "/control/fault", "{\"fault\": \"down\", \"backend\": \"b1\"}", 400, "this run has nothing to inject faults into: faults apply to a simulated service (sim { })"},
                {"POST", "/control/fault", "{\"fault\": \"down\", \"blast\": 1}", 400, "'blast' is not a field of fault (valid: fault, backend, latency, rate, status, target)"},
                {"POST", "/control/explode", "{}", 404, "no command 'explode' (valid: pause, resume, rate, users, phase, fault, clear, stop)"},
                {"GET", "/control/stop", null, 405, "use POST /control/stop"},
                {"DELETE", "/status", null, 405, "use GET /status"},
                {"GET", "/admin", null, 404, "no /admin (valid: GET /status, GET /summary, GET /metrics, GET /events, POST /control/{pause,resume,rate,users,phase,fault,clear,stop})"},
                {"POST", "/control/rate", "{\"rate\": 1" + " ".repeat(70_000) + "}", 413, "the body is over 64 KB"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = call((String) c[0], (String) c[1], (String) c[2], TOKEN);
            assertThat(r.statusCode()).as(c[1] + " " + c[2]).isEqualTo(c[3]);
            assertThat(error(r)).as(c[1] + " " + c[2]).startsWith((String) c[4]);
        }
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(50);
        assertThat(run.status().paused()).isFalse();
        assertThat(run.state()).isEqualTo("running");
        assertThat(events).noneMatch(e -> e.type().equals(RunEvent.TYPE_CONTROL));
    }

    @Test
    void eventsStreamTicksCommandsAndTheEnd() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.url() + "/events")).header("Authorization", "Bearer " + TOKEN).build();
        HttpResponse<java.io.InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean commanded = false;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("event: ")) continue;
                String name = line.substring(7);
                names.add(name);
                if (name.equals("tick") && !commanded) {
                    commanded = true;
                    post("/control/rate", "{\"rate\": 70}");
                    post("/control/stop", null);
                }
            }
        }
        assertThat(names.get(0)).isEqualTo("hello");
        assertThat(names).contains("tick", "control").endsWith("end");
        assertThat(names.indexOf("control")).isGreaterThan(names.indexOf("tick"));
    }

    @Test
    void headRequestsGetTheHeadersOfAGetAndNothingReachesTheConsole() throws Exception {
        String seen;
        try (Console console = Console.capture()) {
            for (int i = 0; i < 45; i++) {
                HttpResponse<String> status = call("HEAD", "/status", null, TOKEN);
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(status.headers().firstValueAsLong("Content-Length").orElse(0)).isPositive();
                assertThat(status.body()).isEmpty();
                HttpResponse<String> anonymous = call("HEAD", "/status", null, null);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"barrage\"");
                assertThat(anonymous.body()).isEmpty();
            }
            HttpResponse<String> metrics = call("HEAD", "/metrics", null, TOKEN);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).isEmpty();
            HttpResponse<String> events = call("HEAD", "/events", null, TOKEN);
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            HttpResponse<String> stop = call("HEAD", "/control/stop", null, TOKEN);
            assertThat(stop.statusCode()).isEqualTo(405);
            assertThat(stop.headers().firstValue("Allow")).hasValue("POST");
            assertThat(stop.body()).isEmpty();
            HttpResponse<String> put = call("PUT", "/status", "{}", TOKEN);
            assertThat(put.statusCode()).isEqualTo(405);
            assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(error(put)).isEqualTo("use GET /status");
            seen = console.seen();
        }
        assertThat(seen).isEmpty();
        assertThat(run.finished()).isFalse();
        assertThat(call("GET", "/status", null, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aNonLoopbackAddressNeedsATokenOfYourOwn() {
        assertThatThrownBy(() -> ControlServer.start(run, "0.0.0.0", 0, TOKEN, false))
                .hasMessage("the control API binds 0.0.0.0, which is not loopback: give it a token of your own with --token or BARRAGE_TOKEN");
        assertThatThrownBy(() -> ControlServer.start(run, "127.0.0.1", 0, "short", true))
                .hasMessage("the control token must be at least 16 characters");
        assertThat(Map.of("new", ControlServer.newToken())).allSatisfy((k, v) -> assertThat(v).hasSize(48).isNotEqualTo(ControlServer.newToken()));
    }
}
