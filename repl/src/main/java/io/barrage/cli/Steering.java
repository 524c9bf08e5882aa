package io.barrage.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.control.ControlCommands;
import io.barrage.engine.control.Status;
import io.barrage.engine.results.Json;
import io.barrage.engine.run.Run;
import io.barrage.engine.summary.RunSummary;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What the REPL steers: a run in this process, or one in another process through its control API.
 * Both speak the control API's words, so the REPL cannot tell them apart: status as its JSON,
 * commands as {@code (name, body)}, the summary so far.
 */
interface Steering {
    /** {@code GET /status}. */
    JsonNode status() throws IOException, InterruptedException;

    /**
     * {@code POST /control/NAME} with {@code body}.
     *
     * @throws IllegalArgumentException with the one-line reason when the command is refused
     */
    JsonNode command(String name, Map<String, Object> body) throws IOException, InterruptedException;

    /** The summary so far (final once the run ended), or null before the first interval. */
    RunSummary summary() throws IOException, InterruptedException;

    /** True once the run ended. */
    boolean finished() throws IOException, InterruptedException;

    /** Where it is: "this process" or the URL. */
    String where();

    /** A run in this process. */
    final class Local implements Steering {
        private final Run run;
        private final ControlCommands commands;

        Local(Run run) {
            this.run = run;
            this.commands = new ControlCommands(run);
        }

        Run run() {
            return run;
        }

        @Override
        public JsonNode status() {
            return Json.MAPPER.valueToTree(Status.of(run));
        }

        @Override
        public JsonNode command(String name, Map<String, Object> body) {
            return Json.MAPPER.valueToTree(commands.run(name, Json.MAPPER.valueToTree(body), "repl"));
        }

        @Override
        public RunSummary summary() {
            return run.summarySoFar();
        }

        @Override
        public boolean finished() {
            return run.finished();
        }

        @Override
        public String where() {
            return "this process";
        }
    }

    /** A run in another process, through its control API. */
    final class Remote implements Steering {
        static final ObjectMapper READER = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final URI base;
        private final String token;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Remote(String url, String token) {
            String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            try {
                this.base = URI.create(u);
                if (!"http".equals(base.getScheme()) || base.getHost() == null) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw new UsageException("'" + url + "' is not the control API's URL, such as http://127.0.0.1:7070");
            }
            this.token = token;
        }

        private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("X-Barrage-Origin", "attach")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return client.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new IOException("cannot reach " + base + ": nothing listens there (has the run ended?)");
            }
        }

        private JsonNode json(HttpResponse<String> r) throws IOException {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(r.body());
            } catch (IOException e) {
                throw new IOException(base + " answered " + r.statusCode() + " with something other than JSON: is it barrage's control API?");
            }
            if (r.statusCode() == 401) throw new IOException("the control API refused the token (401): give the one it printed with --token");
            if (r.statusCode() >= 400) {
                String msg = n.has("error") ? n.get("error").asText() : "status " + r.statusCode();
                if (r.statusCode() < 500) throw new IllegalArgumentException(msg);
                throw new IOException(msg);
            }
            return n;
        }

        @Override
        public JsonNode status() throws IOException, InterruptedException {
            return json(call("GET", "/status", null));
        }

        @Override
        public JsonNode command(String name, Map<String, Object> body) throws IOException, InterruptedException {
            return json(call("POST", "/control/" + name, Json.MAPPER.writeValueAsString(body)));
        }

        @Override
        public RunSummary summary() throws IOException, InterruptedException {
            HttpResponse<String> r = call("GET", "/summary", null);
            if (r.statusCode() == 409) return null;
            return READER.treeToValue(json(r), RunSummary.class);
        }

        @Override
        public boolean finished() throws IOException, InterruptedException {
            JsonNode s = status();
            return s.has("status") || "finished".equals(s.path("state").asText());
        }

        @Override
        public String where() {
            return base.toString();
        }
    }
}
