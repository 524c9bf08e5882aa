package io.barrage.engine.results;

import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.TaggedHistogram;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * report.html: one self-contained file (opens offline, makes no request) of a run read back from its
 * results directory — target vs achieved, latency percentiles over time (from the intended start,
 * service time beside), errors by kind, users and in-flight, schedule lag, per-step and per-phase
 * tables, the assertions with their values, every event marked on the time charts, generator
 * health. Charts are drawn by uPlot, inlined from its WebJar.
 */
public final class HtmlReport {
    private HtmlReport() {}

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** {@code report}: report.html in the run's results directory when the run ends. */
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of();
        }

        @Override
        public String description() {
            return "report.html in the results directory at the end: charts, tables, assertions, events (self-contained)";
        }

        @Override
        public Output create(OutputSpec spec, Context context) {
            Path dir = context.resultsDir();
            if (dir == null) throw new IllegalArgumentException("output report writes beside summary.json: it needs the results directory (drop --no-results)");
            return new Output() {
                @Override
                public void onEnd(RunSummary summary) {
                    // the results writer, built first, has closed its files by now: read them back
                    try {
                        write(ResultsReader.read(dir), dir.resolve("report.html"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    };

    /** Writes the report of {@code results} to {@code file}, replaced atomically. */
    public static void write(ResultsReader.Results results, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, html(results), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The page. */
    public static String html(ResultsReader.Results results) throws IOException {
        RunSummary s = results.summary();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", s);
        List<Map<String, Object>> events = new ArrayList<>();
        for (RunEvent e : results.events()) {
            if (e.type().equals(RunEvent.TYPE_RUN)) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", Math.round(e.elapsedNanos() / 1e6) / 1000.0);
            m.put("type", e.type());
            m.put("scenario", e.scenario());
            m.put("origin", e.origin());
            m.put("message", e.message());
            events.add(m);
        }
        data.put("events", events);
        data.put("service", serviceOverTime(results));
        String json = Json.MAPPER.writeValueAsString(data).replace("</", "<\\/");   // never closes the script element
        String page = resource("io/barrage/engine/results/report.html");
        return page.replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
                .replace("/*REPORT_JS*/", resource("io/barrage/engine/results/report.js"))
                .replace("{/*DATA*/}", json)
                .replace("<!--TITLE-->", escape(s.name() + " · " + s.status()));
    }

    /** Per scenario, the service-time p99 (ms) of each interval of the log: [[t, p99], ...]. */
    private static Map<String, List<double[]>> serviceOverTime(ResultsReader.Results r) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        if (r.intervals().isEmpty()) return out;
        long base = r.intervals().get(0).startEpochMillis();
        for (ScenarioSummary sc : r.summary().scenarios()) {
            List<double[]> points = new ArrayList<>();
            for (ResultsReader.Interval i : r.intervals()) {
                Histogram merged = null;
                for (TaggedHistogram t : i.histograms()) {
                    if (!t.metric().equals(MetricNames.SERVICE) || !sc.name().equals(t.scenario())) continue;
                    if (merged == null) merged = new Histogram(MetricNames.DIGITS);
                    merged.add(t.histogram());
                }
                if (merged != null && merged.getTotalCount() > 0) {
                    points.add(new double[] {(i.endEpochMillis() - base) / 1000.0, merged.getValueAtPercentile(99) / 1000.0});
                }
            }
            out.put(sc.name(), points);
        }
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IOException("report: " + path + " is missing from barrage's jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
