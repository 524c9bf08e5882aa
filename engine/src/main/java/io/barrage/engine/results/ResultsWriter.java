package io.barrage.engine.results;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.metrics.TaggedHistogram;
import io.barrage.engine.output.RunView;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.summary.RunSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's results as it goes, so that a killed run keeps everything up to its last interval:
 * <ul>
 *   <li>{@code intervals.hlog}: every interval histogram (latency, service time and schedule lag per
 *       scenario, step and phase; connection timings per step), an HdrHistogram interval log that any
 *       HdrHistogram tool reads and that merges exactly across runs and workers; tags per {@link HlogTags};
 *   <li>{@code events.jsonl}: one JSON event per line (phases, control commands, warnings);
 *   <li>{@code summary.json}: rewritten every interval with status {@code running}, final at the end.
 * </ul>
 * Every file is flushed at each interval; summary.json is replaced atomically.
 */
public final class ResultsWriter implements Output {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private RunView run;
    private boolean ended;
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private final OutputStream events;
    private boolean hlogStarted;

    private ResultsWriter(Path dir) throws IOException {
        this.dir = dir;
        this.hlogStream = new PrintStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("intervals.hlog"))), false, StandardCharsets.UTF_8);
        this.hlog = new HistogramLogWriter(hlogStream);
        this.events = new BufferedOutputStream(Files.newOutputStream(dir.resolve("events.jsonl")));
    }

    /** The default of {@code results:dir=}, and of {@code --out}. */
    public static final Path DEFAULT_DIR = Path.of("results");

    /**
     * The results directory as an output, {@code results} or {@code results:dir=DIR}: each run
     * writes {@code DIR/<name>-<time>/}. The launcher makes the first one the run's own results
     * directory, where other outputs may write beside summary.json.
     */
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("dir");
        }

        @Override
        public String description() {
            return "summary.json, intervals.hlog and events.jsonl in DIR/<name>-<time>/ (dir=DIR, default results)";
        }

        @Override
        public void check(OutputSpec spec) {
            ResultsDirectory.prepare("--output results:dir=", base(spec));
        }

        @Override
        public Output create(OutputSpec spec, Context context) throws IOException {
            return open(base(spec), context.planName());
        }

        private static Path base(OutputSpec spec) {
            String dir = spec.option("dir", null);
            if (dir == null) return DEFAULT_DIR;
            if (dir.isBlank()) throw new IllegalArgumentException("--output results:dir needs a directory");
            try {
                return Path.of(dir);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("--output results:dir=" + dir + ": not a path barrage can use");
            }
        }
    };

    /** Creates {@code base/<name>-<timestamp>/} and the files in it. */
    public static ResultsWriter open(Path base, String name) throws IOException {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        String stamp = LocalDateTime.now().format(STAMP);
        Path dir = base.resolve(safe + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) dir = base.resolve(safe + "-" + stamp + "-" + i);
        Files.createDirectories(dir);
        try {
            return new ResultsWriter(dir);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void onStart(RunView run) {
        this.run = run;
        header(run.version(), run.planName(), run.loadStartEpochMillis());
    }

    /** The log's header; the load's start is its start and base time. */
    private void header(String version, String plan, long startMs) {
        hlog.outputComment("barrage " + version + " interval log of " + plan
                + "; values in microseconds; tags: metric=…;scenario=…;step=…;phase=… (percent-encoded)");
        hlog.outputLogFormatVersion();
        hlog.outputStartTime(startMs);
        hlog.setBaseTime(startMs);
        hlog.outputBaseTime(startMs);
        hlog.outputLegend();
        hlogStream.flush();
        hlogStarted = true;
    }

    @Override
    public synchronized void onInterval(Tick tick) {
        if (!hlogStarted) return;
        for (TaggedHistogram t : tick.histograms()) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("metric", t.metric());
            tags.put("scenario", t.scenario());
            tags.put("step", t.step());
            tags.put("phase", t.phase());
            t.histogram().setTag(HlogTags.encode(tags));
            hlog.outputIntervalHistogram(t.histogram());
        }
        hlogStream.flush();
        RunSummary soFar = run == null ? null : run.summarySoFar();
        if (soFar != null && !ended) writeSummary(soFar);
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        try {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", java.time.Instant.ofEpochMilli(event.epochMillis()).toString());
            line.put("t", Math.round(event.elapsedNanos() / 1e6) / 1000.0);
            line.put("type", event.type());
            if (event.scenario() != null) line.put("scenario", event.scenario());
            line.put("origin", event.origin());
            line.put("message", event.message());
            if (!event.data().isEmpty()) line.put("data", event.data());
            events.write(Json.MAPPER.writeValueAsBytes(line));
            events.write('\n');
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void onEnd(RunSummary summary) {
        ended = true;
        writeSummary(summary);
        if (!hlogStarted) {   // no load ran (a failed setup): a valid log with no intervals, not an empty file
            header(summary.barrage(), summary.name(), java.time.Instant.parse(summary.startedAt()).toEpochMilli());
        }
        hlogStream.flush();
        hlogStream.close();
        try {
            events.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run will not happen: closes the files and removes the directory, which holds nothing yet. */
    @Override
    public synchronized void abandon() {
        if (hlogStarted || ended) return;
        ended = true;
        hlogStream.close();
        try {
            events.close();
        } catch (IOException ignored) {
            // removed next
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // an empty directory left behind is the worst of it
        }
    }

    private void writeSummary(RunSummary summary) {
        Path tmp = dir.resolve("summary.json.tmp");
        try {
            Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
            try {
                Files.move(tmp, dir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
