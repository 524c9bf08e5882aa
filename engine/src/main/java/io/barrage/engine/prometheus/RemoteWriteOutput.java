package io.barrage.engine.prometheus;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.RunSummary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code remote-write} output: the run's series ({@link PrometheusSeries}) sent to a Prometheus
 * remote-write 1.0 receiver (Prometheus with {@code --web.enable-remote-write-receiver}, Mimir,
 * Thanos, VictoriaMetrics...) after every interval and once at the end: protobuf, snappy-compressed.
 * Histograms go native unless told otherwise; a receiver that refuses them (a Prometheus without
 * {@code --enable-feature=native-histograms} answers so) gets classic buckets from then on.
 *
 * <p>Sends go from a thread of their own, the latest interval only (counters and histograms are
 * cumulative, so a later write carries what a lost one had), each retried with backoff on a 5xx, a
 * 429 or no answer; a receiver that is down costs the run nothing but writes counted as lost (a
 * warning of the run at the first one).
 */
public final class RemoteWriteOutput implements Output {
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("url", "native");
        }

        @Override
        public String description() {
            return "send the run's series by Prometheus remote write every interval and at the end "
                    + "(url=http://127.0.0.1:9090/api/v1/write, native=auto|true|false)";
        }

        @Override
        public void check(OutputSpec spec) {
            url(spec);
            mode(spec);
        }

        @Override
        public Output create(OutputSpec spec, Context context) {
            return new RemoteWriteOutput(url(spec), mode(spec));
        }
    };

    /** Whether histograms go native: {@code auto} tries and falls back to classic buckets on a refusal. */
    public enum Native { AUTO, TRUE, FALSE }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 4;

    private final URI url;
    private final Native mode;
    private volatile boolean nativeHistograms;
    private final PrometheusSeries series = new PrometheusSeries();
    private final PrometheusRegistry registry = PrometheusExposition.registry(series);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("barrage-remote-write").factory());
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile String lastFailure;
    private volatile RunView run;
    /** Set at the end: a loss then is said on stderr, the run's record being closed. */
    private volatile boolean ended;
    private volatile long lastTimestamp;

    public RemoteWriteOutput(URI url, Native mode) {
        this.url = url;
        this.mode = mode;
        this.nativeHistograms = mode != Native.FALSE;
    }

    /** Writes the receiver took. */
    public long written() {
        return written.get();
    }

    /** Writes given up after their retries. */
    public long lost() {
        return lost.get();
    }

    /** Whether histograms are sent native now (false after a refusal in {@code auto}). */
    public boolean nativeHistograms() {
        return nativeHistograms;
    }

    @Override
    public void onStart(RunView run) {
        this.run = run;
        series.onStart(run);
    }

    @Override
    public void onInterval(Tick tick) {
        series.onInterval(tick);
        if (queued.compareAndSet(false, true)) {
            sender.execute(() -> {
                queued.set(false);
                write(false);
            });
        }
    }

    @Override
    public void onEnd(RunSummary summary) {
        ended = true;
        sender.shutdown();
        try {
            sender.awaitTermination(TIMEOUT.toSeconds() * ATTEMPTS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (run == null) return;
        if (!write(true)) System.err.println("barrage: remote-write: the final write to " + url + " was lost (" + lastFailure + ")");
    }

    @Override
    public void abandon() {
        sender.shutdownNow();
    }

    /** One write, retried; true when the receiver took it. */
    private boolean write(boolean last) {
        // samples of a series must go in time order: never twice in the same millisecond
        long ts = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        lastTimestamp = ts;
        String why = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0 && !sleep(50L << attempt)) break;   // 100, 200, 400 ms
            try {
                byte[] body = Snappy.compress(RemoteWriteEncoder.encode(registry.scrape(), ts, nativeHistograms));
                HttpRequest req = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                        .header("Content-Encoding", "snappy")
                        .header("Content-Type", "application/x-protobuf")
                        .header("User-Agent", "barrage/" + (run == null ? "dev" : run.version()))
                        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status / 100 == 2) {
                    written.incrementAndGet();
                    return true;
                }
                why = "HTTP " + status + " " + r.body().strip();
                if (nativeHistograms && mode == Native.AUTO && r.body().contains("native histograms are disabled")) {
                    nativeHistograms = false;   // this receiver takes classic buckets only: from now on
                    attempt--;
                    continue;
                }
                if (status / 100 == 4 && status != 429) break;   // refused for good: retrying would not help
            } catch (IOException e) {
                why = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted";
                break;
            }
        }
        lastFailure = why;
        RunView r = run;
        if (lost.getAndIncrement() == 0 && !last && r != null && !ended) {
            r.emit(RunEvent.TYPE_WARNING, null, "remote-write", "remote write to " + url + " lost a write (" + why
                    + "); the run goes on, writing each interval", Map.of("url", url.toString()));
        }
        return false;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static URI url(OutputSpec spec) {
        return httpUrl(spec, "remote-write", "http://127.0.0.1:9090/api/v1/write", "http://HOST:PORT/PATH");
    }

    /**
     * An http(s) URL setting of a push output ({@code url=}).
     *
     * @throws IllegalArgumentException naming the output and the shape it needs
     */
    static URI httpUrl(OutputSpec spec, String output, String fallback, String shape) {
        String u = spec.option("url", fallback);
        try {
            URI uri = URI.create(u);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) throw new IllegalArgumentException();
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output " + output + ": url must be " + shape + ", not '" + u + "'");
        }
    }

    private static Native mode(OutputSpec spec) {
        String n = spec.option("native", "auto");
        return switch (n) {
            case "auto" -> Native.AUTO;
            case "true" -> Native.TRUE;
            case "false" -> Native.FALSE;
            default -> throw new IllegalArgumentException("output remote-write: native must be auto, true or false, not '" + n + "'");
        };
    }
}
