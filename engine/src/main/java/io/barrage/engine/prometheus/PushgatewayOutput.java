package io.barrage.engine.prometheus;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.RunSummary;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code pushgateway} output: the run's series ({@link PrometheusSeries}, classic buckets: the
 * Pushgateway 1.5 takes the text format) pushed to a Prometheus Pushgateway after every interval and
 * once at the end, under the grouping key {@code job/<job>/run_id/<id>[/experiment/<id>]}; the group
 * is deleted at the end unless {@code keep=true}. Pushes go from a thread of their own, the latest
 * interval only: a gateway that is slow or down costs the run nothing but pushes counted as failed
 * (a warning at the end says how many).
 */
public final class PushgatewayOutput implements Output {
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("url", "job", "keep");
        }

        @Override
        public String description() {
            return "push the run's series to a Pushgateway every interval and at the end (url=http://127.0.0.1:9091, job=barrage, keep=false)";
        }

        @Override
        public void check(OutputSpec spec) {
            url(spec);
            keep(spec);
            job(spec);
        }

        @Override
        public Output create(OutputSpec spec, Context context) {
            return new PushgatewayOutput(url(spec), job(spec), keep(spec));
        }
    };

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI gateway;
    private final String job;
    private final boolean keep;
    private final PrometheusSeries series = new PrometheusSeries();
    private final PrometheusRegistry registry = PrometheusExposition.registry(series);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("barrage-pushgateway").factory());
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastFailure;
    private volatile RunView run;
    /** Set at the end: a loss then is said on stderr, the run's record being closed. */
    private volatile boolean ended;
    private volatile URI group;

    public PushgatewayOutput(URI gateway, String job, boolean keep) {
        this.gateway = gateway;
        this.job = job;
        this.keep = keep;
    }

    /** The group's URL: {@code <gateway>/metrics/job/<job>/run_id/<id>[/experiment/<id>]}. */
    public URI group() {
        return group;
    }

    public long pushed() {
        return pushed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void onStart(RunView run) {
        this.run = run;
        series.onStart(run);
        Map<String, String> key = new LinkedHashMap<>();
        key.put("job", job);
        key.put("run_id", run.labels().get("run_id"));
        String experiment = run.labels().get("experiment");
        if (experiment != null) key.put("experiment", experiment);
        this.group = URI.create(stripSlash(gateway.toString()) + "/metrics" + groupingPath(key));
    }

    @Override
    public void onInterval(Tick tick) {
        series.onInterval(tick);
        // the latest state only: a push still waiting covers this interval too
        if (queued.compareAndSet(false, true)) {
            pusher.execute(() -> {
                queued.set(false);
                push();
            });
        }
    }

    @Override
    public void onEnd(RunSummary summary) {
        ended = true;
        pusher.shutdown();
        try {
            pusher.awaitTermination(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (group == null) return;
        long before = failed.get();
        push();   // the final numbers
        if (!keep) send(HttpRequest.newBuilder(group).timeout(TIMEOUT).DELETE().build());
        // the run's record is closed by now: the one place left to say it
        if (failed.get() > before) System.err.println("barrage: pushgateway: the final push to " + gateway + " failed (" + lastFailure + ")");
    }

    @Override
    public void abandon() {
        pusher.shutdownNow();
    }

    private void push() {
        if (group == null) return;
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(16384);
            ExpositionFormats.init().getPrometheusTextFormatWriter().write(body, registry.scrape());
            HttpRequest put = HttpRequest.newBuilder(group).timeout(TIMEOUT)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            if (send(put)) pushed.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            fail(e.toString());
        }
    }

    /** Sends, counting a failure; true on a 2xx. */
    private boolean send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) return true;
            fail(request.method() + " " + r.statusCode() + " " + r.body().strip());
        } catch (IOException e) {
            fail(request.method() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(request.method() + ": interrupted");
        }
        return false;
    }

    private void fail(String why) {
        lastFailure = why;
        RunView r = run;
        // the first failure is a warning of the run; the rest are counted (the run goes on regardless)
        if (failed.getAndIncrement() == 0 && r != null && !ended) {
            r.emit(RunEvent.TYPE_WARNING, null, "pushgateway", "pushes to " + gateway + " fail (" + why + "); the run goes on, pushing each interval",
                    Map.of("gateway", gateway.toString()));
        }
    }

    /**
     * {@code /job/<job>/<name>/<value>...}: a value with a '/' or an empty one goes as
     * {@code <name>@base64/<URL-safe base64>}, as the Pushgateway reads it.
     */
    static String groupingPath(Map<String, String> key) {
        StringBuilder b = new StringBuilder();
        key.forEach((name, value) -> {
            b.append('/');
            if (value.isEmpty() || value.contains("/")) {
                b.append(name).append("@base64/")
                        .append(value.isEmpty() ? "=" : Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            } else {
                b.append(name).append('/').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        });
        return b.toString();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static URI url(OutputSpec spec) {
        return RemoteWriteOutput.httpUrl(spec, "pushgateway", "http://127.0.0.1:9091", "http://HOST:PORT");
    }

    private static String job(OutputSpec spec) {
        String j = spec.option("job", "barrage");
        if (j.isBlank()) throw new IllegalArgumentException("output pushgateway: job needs a name");
        return j;
    }

    private static boolean keep(OutputSpec spec) {
        String k = spec.option("keep", "false");
        return switch (k) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("output pushgateway: keep must be true or false, not '" + k + "'");
        };
    }
}
