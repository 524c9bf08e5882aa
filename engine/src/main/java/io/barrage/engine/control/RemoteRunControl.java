package io.barrage.engine.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.format.Durations;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.results.Json;
import io.barrage.engine.summary.RunSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A run of another process, steered through its control API ({@link ControlServer}): every
 * {@link io.barrage.engine.run.RunControl} method is one request of the API, with the API's own
 * JSON. What {@code barrage attach} uses, and what a coordinator will.
 *
 * <p>Failures, as the methods' signatures allow:
 * <ul>
 * <li>a command the run refuses (a 4xx) throws {@link IllegalArgumentException} with the server's
 *     one line: the same line the run of this process throws, so a caller cannot tell them apart;
 * <li>a control API that cannot be reached, does not answer in time, answers 5xx or something other
 *     than its JSON throws {@link UncheckedIOException} with one line naming the URL;
 * <li>a wrong token throws {@link UncheckedIOException}: "the control API refused the token (401)…";
 * <li>an interrupted call throws {@link UncheckedIOException} whose cause is an
 *     {@link InterruptedIOException}, with the thread's interrupt status set again.
 * </ul>
 * The {@code origin} of a command is sent as {@code X-Barrage-Origin}: the run records it as
 * "ORIGIN via api ADDRESS". {@link #scaleLoad} has no request in the API and throws
 * {@link UnsupportedOperationException}.
 */
public final class RemoteRunControl implements ControlledRun, AutoCloseable {
    private static final ObjectMapper READER = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9 ._-]{1,40}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Events of the stream that are not run events. */
    private static final Set<String> STREAM_EVENTS = Set.of("hello", "tick", "lost", "end");
    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String name;

    /**
     * A client of the control API at {@code url}; nothing is sent until a method is called.
     *
     * @param url   as {@code barrage run --control} printed it: {@code http://127.0.0.1:7070}
     * @param token the API's bearer token
     * @throws IllegalArgumentException for a URL that is not {@code http://HOST:PORT}
     */
    public RemoteRunControl(String url, String token) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI b;
        try {
            b = URI.create(u);
        } catch (IllegalArgumentException e) {
            b = null;
        }
        if (b == null || !"http".equals(b.getScheme()) || b.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not the control API's URL, such as http://127.0.0.1:7070");
        }
        this.base = b;
        this.token = token;
    }

    /** The control API's URL. */
    public String url() {
        return base.toString();
    }

    @Override
    public String toString() {
        return "run at " + base;
    }

    // ---- reading

    /** {@code GET /status}. */
    @Override
    public RunStatus status() {
        JsonNode n = json(call("GET", "/status", null, null));
        name = n.path("name").asText(null);
        return convert(n, RunStatus.class);
    }

    /** The plan's name, from {@code GET /status} (once). */
    @Override
    public String name() {
        String n = name;
        if (n == null) {
            status();
            n = name;
        }
        return n;
    }

    /** {@code GET /summary}; null before the first interval (the API's 409). */
    @Override
    public RunSummary summarySoFar() {
        HttpResponse<String> r = call("GET", "/summary", null, null);
        if (r.statusCode() == 409) return null;
        return convert(json(r), RunSummary.class);
    }

    /** From {@code GET /status}: its state is {@code finished}. */
    @Override
    public boolean finished() {
        return Status.finished(status());
    }

    // ---- steering: POST /control/...

    @Override
    public boolean pause(String origin) {
        return command("pause", Map.of(), origin).path("paused").asBoolean();
    }

    @Override
    public boolean resume(String origin) {
        return command("resume", Map.of(), origin).path("resumed").asBoolean();
    }

    @Override
    public void setRate(String scenario, double perSecond, String origin) {
        command("rate", body("rate", perSecond, "scenario", scenario), origin);
    }

    @Override
    public void setUsers(String scenario, int users, String origin) {
        command("users", body("users", users, "scenario", scenario), origin);
    }

    /** @throws UnsupportedOperationException always: the control API has no request for it (its {@code rate} {@code factor} multiplies the current rate) */
    @Override
    public void scaleLoad(String scenario, double factor, String origin) {
        throw new UnsupportedOperationException("the control API has no request that scales the plan's load: set the rate or the users instead");
    }

    @Override
    public void skipPhase(String scenario, String origin) {
        command("phase", body("action", "next", "scenario", scenario), origin);
    }

    @Override
    public void extendPhase(String scenario, Duration by, String origin) {
        if (by == null || by.isNegative() || by.isZero()) throw new IllegalArgumentException("extend needs a duration > 0");
        String text = Durations.format(by);
        if (!Durations.parse(text).equals(by)) text = by.toNanos() + "ns";
        Map<String, Object> b = body("action", "extend", "by", text);
        if (scenario != null) b.put("scenario", scenario);
        command("phase", b, origin);
    }

    @Override
    public Switched injectFault(String target, Map<String, Object> spec, String origin) {
        Map<String, Object> b = new LinkedHashMap<>(spec);
        if (target != null) b.put("target", target);
        JsonNode n = command("fault", b, origin);
        return new Switched(n.path("target").asText(), n.path("on").asText());
    }

    @Override
    public Cleared clearFaults(String target, String scope, String origin) {
        JsonNode n = command("clear", body("backend", scope, "target", target), origin);
        return new Cleared(n.path("target").asText(), n.path("cleared").asInt());
    }

    @Override
    public void stop(String reason, String origin) {
        command("stop", body("reason", reason), origin);
    }

    // ---- events: GET /events

    /**
     * Subscribes to {@code GET /events}: each run event (phase, control, warning, sim, balance…) goes
     * to {@code consumer} on the subscription's own thread, until the run's end, the stream's, or
     * {@link Subscription#close()}. The stream's own messages (hello, tick, lost, end) are not run events.
     *
     * @throws UncheckedIOException if the stream cannot be opened (as for any other request)
     */
    @Override
    public Subscription events(Consumer<RunEvent> consumer) {
        HttpResponse<InputStream> r = send(request("GET", "/events", null, null).build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = r.body();
        if (r.statusCode() != 200) {
            String body;
            try (in) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw failure(base + " broke off its answer to GET /events: " + e.getMessage(), e);
            }
            json(r.statusCode(), body);
            throw failure(base + " answered " + r.statusCode() + " to GET /events", null);
        }
        Thread reader = Thread.ofVirtual().name("barrage-events " + base).start(() -> read(in, consumer));
        return () -> {
            reader.interrupt();
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        };
    }

    private static void read(InputStream in, Consumer<RunEvent> consumer) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line, 6, line.length());
                } else if (line.isEmpty() && event != null) {
                    if (event.equals("end")) return;
                    if (!STREAM_EVENTS.contains(event)) deliver(data.toString(), consumer);
                    event = null;
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            // the stream ended: closed here, or the run's API went away
        }
    }

    private static void deliver(String data, Consumer<RunEvent> consumer) {
        RunEvent e;
        try {
            e = READER.readValue(data, RunEvent.class);
        } catch (IOException ex) {
            return;                                             // not an event this version knows
        }
        try {
            consumer.accept(e);
        } catch (RuntimeException ignored) {
            // the consumer's trouble; the stream goes on
        }
    }

    /** Stops every request and subscription of this client. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    // ---- HTTP

    private JsonNode command(String name, Map<String, Object> body, String origin) {
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": a value cannot be sent as JSON: " + e.getMessage());
        }
        return json(call("POST", "/control/" + name, text, origin));
    }

    /** A body of the pairs whose value is not null, in order. */
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) if (pairs[i + 1] != null) b.put((String) pairs[i], pairs[i + 1]);
        return b;
    }

    private HttpRequest.Builder request(String method, String path, String body, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (origin != null && ORIGIN.matcher(origin).matches()) b.header("X-Barrage-Origin", origin);
        return b;
    }

    private HttpResponse<String> call(String method, String path, String body, String origin) {
        return send(request(method, path, body, origin).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (ConnectException e) {
            throw failure("cannot reach " + base + ": nothing listens there (has the run ended?)", e);
        } catch (HttpTimeoutException e) {
            throw failure(base + " did not answer " + request.method() + " " + request.uri().getPath() + " within " + TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw failure("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException cause = new InterruptedIOException("interrupted while calling " + base);
            throw new UncheckedIOException(cause.getMessage(), cause);
        }
    }

    private JsonNode json(HttpResponse<String> r) {
        return json(r.statusCode(), r.body());
    }

    /** The answer's JSON, or the exception its status calls for. */
    private JsonNode json(int status, String body) {
        if (status == 401) throw failure("the control API refused the token (401): give the one it printed with --token", null);
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject()) throw failure(base + " answered " + status + " with something other than JSON: is it barrage's control API?", null);
        if (status >= 400 && status < 500) {
            if (!n.path("error").isTextual()) throw failure(base + " answered " + status + " without saying why: is it barrage's control API?", null);
            throw new IllegalArgumentException(n.get("error").asText());
        }
        if (status >= 500) throw failure(base + " answered " + status + ": " + n.path("error").asText("no reason given"), null);
        return n;
    }

    private <T> T convert(JsonNode n, Class<T> type) {
        try {
            return READER.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw failure(base + " answered JSON that is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static UncheckedIOException failure(String message, IOException cause) {
        return new UncheckedIOException(message, cause != null ? cause : new IOException(message));
    }
}
