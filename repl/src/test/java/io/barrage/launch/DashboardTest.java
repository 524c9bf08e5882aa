package io.barrage.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.control.DashboardServer;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.run.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard in real headless Chromium, driven through its DevTools protocol: the page
 * loads, its charts draw, a value on it changes as the run goes (read from the DOM after two
 * ticks), and a rate change made through RunControl (what the REPL's {@code rate} does) shows on it.
 */
class DashboardTest {
    @TempDir Path dir;
    static final ObjectMapper JSON = new ObjectMapper();

    static final String SCRIPT = """
            sim { backends 2; latency 2.ms..5.ms }
            scenario('live') {
                user { http.get('/items') }
                phases { hold 'steady', rate: 40, for: 12.s }
            }
            """;

    @Test
    void thePageFollowsTheRunAndARateChange() throws Exception {
        String chromium = HtmlReportTest.chromium();
        assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it): skipped");
        Path script = Files.writeString(dir.resolve("live.groovy"), SCRIPT);
        try (PreparedLaunch launch = new Launcher().prepare(LaunchOptions.of(script).withWarmup(Duration.ZERO).withGracefulStop(Duration.ofSeconds(1))
                .withOutputs(List.of(OutputSpec.parse("dashboard:port=0"))))) {
            DashboardServer dashboard = null;
            for (Output o : launch.outputs()) if (o instanceof DashboardServer d) dashboard = d;
            assertThat(dashboard).isNotNull();
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url())).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("uPlot").doesNotContainPattern("(src|href)=\"(https?:)?//");
            launch.start();
            Run run = launch.run();
            Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.resolve("profile"),
                    "--no-first-run", "--disable-background-networking", "--remote-debugging-port=0", "--window-size=1280,1600", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (Cdp cdp = Cdp.open(browser, dashboard.url())) {
                awaitJs(cdp, "window.barrage && window.barrage.ticks() >= 2", 20);
                String first = cdp.eval("document.getElementById('rps-live').textContent");
                String elapsedFirst = cdp.eval("document.getElementById('state').textContent");
                awaitJs(cdp, "window.barrage.ticks() >= 4", 20);
                assertThat(cdp.eval("document.getElementById('state').textContent")).as("the page moves on").isNotEqualTo(elapsedFirst);
                assertThat(first).isNotEqualTo("–");
                assertThat(cdp.eval("document.getElementById('target-live').textContent")).isEqualTo("40");
                // charts drew: saturated pixels in every canvas
                String inked = cdp.eval("Array.from(document.querySelectorAll('canvas')).map(function(c){var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data,n=0;"
                        + "for(var i=0;i<d.length;i+=16){var r=d[i],g=d[i+1],b=d[i+2];if(d[i+3]>0&&Math.max(r,g,b)-Math.min(r,g,b)>40)n++;}return n>20;}).join(',')");
                assertThat(inked.split(",")).hasSize(4).containsOnly("true");
                // the REPL's `rate 80` goes to RunControl.setRate: the page shows it within a tick or two
                run.setRate("live", 80, "repl");
                awaitJs(cdp, "document.getElementById('target-live').textContent === '80'", 10);
                awaitJs(cdp, "document.getElementById('events').textContent.indexOf('rate') >= 0", 10);
                assertThat(cdp.eval("document.getElementById('events').textContent")).contains("(repl)");
                assertThat(cdp.eval("document.getElementById('backends-live').textContent")).contains("b1", "b2");
                cdp.screenshot(Path.of("target", "dashboard-screenshot.png").toAbsolutePath());
            } finally {
                browser.destroy();
                if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly();
                run.stop("test over", "test");
            }
            launch.await();
        }
    }

    static void awaitJs(Cdp cdp, String condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!"true".equals(cdp.eval("!!(" + condition + ")"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for " + condition + "; page: " + cdp.eval("document.body.innerText.slice(0, 800)"));
            Thread.sleep(200);
        }
    }

    /** Just enough of Chrome's DevTools protocol: open a page, evaluate, screenshot. */
    static final class Cdp implements AutoCloseable {
        final WebSocket ws;
        final AtomicInteger ids = new AtomicInteger();
        final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        private Cdp(WebSocket ws) {
            this.ws = ws;
        }

        static Cdp open(Process browser, String url) throws Exception {
            // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…" on stderr
            BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
            Pattern p = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
            String port = null;
            for (String line; port == null && (line = err.readLine()) != null; ) {
                Matcher m = p.matcher(line);
                if (m.find()) port = m.group(1);
            }
            if (port == null) throw new IllegalStateException("chromium printed no DevTools address");
            Thread.ofPlatform().daemon().start(() -> { try { err.transferTo(java.io.Writer.nullWriter()); } catch (Exception ignored) { } });
            HttpClient http = HttpClient.newHttpClient();
            JsonNode target = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?" + url))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
            Cdp[] self = new Cdp[1];
            StringBuilder partial = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(target.get("webSocketDebuggerUrl").asText()), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            JsonNode m = JSON.readTree(partial.toString());
                            if (m.has("id")) {
                                CompletableFuture<JsonNode> f = self[0].pending.remove(m.get("id").asInt());
                                if (f != null) f.complete(m);
                            }
                        } catch (Exception ignored) {
                            // not ours
                        }
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            self[0] = new Cdp(ws);
            return self[0];
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            pending.put(id, f);
            ws.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(10, TimeUnit.SECONDS);
            return f.get(20, TimeUnit.SECONDS);
        }

        String eval(String expression) throws Exception {
            JsonNode r = call("Runtime.evaluate", Map.of("expression", "String(" + expression + ")", "returnByValue", true));
            JsonNode result = r.path("result").path("result");
            if (r.path("result").has("exceptionDetails")) return "exception: " + r.path("result").path("exceptionDetails");
            return result.path("value").asText();
        }

        void screenshot(Path file) throws Exception {
            JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
            Files.write(file, java.util.Base64.getDecoder().decode(r.path("result").path("data").asText()));
        }

        @Override
        public void close() {
            ws.abort();
        }
    }
}
