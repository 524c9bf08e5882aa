package io.barrage.engine.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.TaggedHistogram;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.summary.Percentiles;
import io.barrage.engine.summary.RunSummary;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Loads a results directory ({@code summary.json}, {@code intervals.hlog}, {@code events.jsonl})
 * back into the types a run produced, so that reports, comparisons and a coordinator's merge work
 * from files. The interval log is the lossless record: {@link Results#latency} and its siblings
 * rebuild a scenario's, a step's or a phase's percentiles from it, equal to the live summary's.
 */
public final class ResultsReader {
    private static final ObjectMapper READER = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsReader() {}

    /**
     * One interval of the log: its wall-clock bounds and its tagged histograms.
     *
     * @param startEpochMillis the interval's start
     * @param endEpochMillis   its end
     */
    public record Interval(long startEpochMillis, long endEpochMillis, List<TaggedHistogram> histograms) {}

    /** A results directory, read. */
    public record Results(Path dir, RunSummary summary, List<Interval> intervals, List<RunEvent> events) {

        /**
         * The latency of a scenario's calls over its load phases (setup and teardown apart, as the
         * summary counts them), merged from the interval log.
         *
         * @param step  a step, or null for all of them
         * @param phase a phase, or null for every load phase
         * @return null when the log holds none
         */
        public Percentiles latency(String scenario, String step, String phase) {
            return Percentiles.of(merge(MetricNames.LATENCY, scenario, step, phase));
        }

        /** Service time, as {@link #latency}. */
        public Percentiles service(String scenario, String step, String phase) {
            return Percentiles.of(merge(MetricNames.SERVICE, scenario, step, phase));
        }

        /** Schedule lag of a scenario's iterations, over its load phases or one phase. */
        public Percentiles lag(String scenario, String phase) {
            return Percentiles.of(merge(MetricNames.LAG, scenario, null, phase));
        }

        /** A step's named timing (connect, first_byte... or a protocol's own), over the whole run. */
        public Percentiles timing(String scenario, String step, String name) {
            return Percentiles.of(merge(name, scenario, step, null));
        }

        /** Every interval histogram of one metric that matches, merged (empty when none). */
        public Histogram merge(String metric, String scenario, String step, String phase) {
            Predicate<TaggedHistogram> loadPhase = t -> phase != null ? phase.equals(t.phase())
                    : t.phase() == null || !(MetricNames.SETUP_PHASE.equals(t.phase()) || MetricNames.TEARDOWN_PHASE.equals(t.phase()));
            Histogram out = new Histogram(MetricNames.DIGITS);
            for (Interval i : intervals) {
                for (TaggedHistogram t : i.histograms()) {
                    if (!metric.equals(t.metric()) || !scenario.equals(t.scenario())) continue;
                    if (step != null && !step.equals(t.step())) continue;
                    if (!loadPhase.test(t)) continue;
                    out.add(t.histogram());
                }
            }
            return out;
        }
    }

    /**
     * Reads a run's results directory.
     *
     * @throws IOException with a one-line reason naming the file, when one is missing or unreadable
     */
    public static Results read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir + ": not a results directory");
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) throw new NoSuchFileException(summaryFile + ": no summary.json (not a barrage results directory?)");
        RunSummary summary;
        try {
            summary = READER.readValue(summaryFile.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new IOException(summaryFile + ": not a barrage summary: " + firstLine(e.getMessage()), e);
        }
        return new Results(dir, summary, intervals(dir.resolve("intervals.hlog")), events(dir.resolve("events.jsonl")));
    }

    /** The interval log's histograms, interval by interval (an interval is the histograms that end together). */
    public static List<Interval> intervals(Path hlog) throws IOException {
        List<Interval> out = new ArrayList<>();
        if (!Files.isRegularFile(hlog)) return out;
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(hlog.toFile());
        } catch (FileNotFoundException e) {
            return out;
        }
        try {
            List<TaggedHistogram> current = new ArrayList<>();
            long start = Long.MIN_VALUE, end = 0;
            for (EncodableHistogram e; (e = reader.nextIntervalHistogram()) != null; ) {
                Histogram h = (Histogram) e;
                // an interval is the histograms that end together (one reporter tick)
                if (h.getEndTimeStamp() != end && !current.isEmpty()) {
                    out.add(new Interval(start, end, List.copyOf(current)));
                    current.clear();
                }
                start = h.getStartTimeStamp();
                end = h.getEndTimeStamp();
                Map<String, String> tags = HlogTags.decode(h.getTag());
                current.add(new TaggedHistogram(tags.get("metric"), tags.get("scenario"), tags.get("step"), tags.get("phase"), h));
            }
            if (!current.isEmpty()) out.add(new Interval(start, end, List.copyOf(current)));
        } catch (RuntimeException e) {
            throw new IOException(hlog + ": not a readable interval log: " + firstLine(e.toString()), e);
        } finally {
            reader.close();
        }
        return out;
    }

    /** The run's events, in order. */
    public static List<RunEvent> events(Path jsonl) throws IOException {
        List<RunEvent> out = new ArrayList<>();
        if (!Files.isRegularFile(jsonl)) return out;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                JsonNode j;
                try {
                    j = READER.readTree(line);
                } catch (IOException e) {
                    throw new IOException(jsonl + ":" + n + ": not a JSON event: " + firstLine(e.getMessage()), e);
                }
                Map<String, Object> data = j.has("data") ? READER.convertValue(j.get("data"), LinkedHashMap.class) : Map.of();
                out.add(new RunEvent(java.time.Instant.parse(j.path("time").asText()).toEpochMilli(), Math.round(j.path("t").asDouble() * 1e9),
                        j.path("type").asText(), j.hasNonNull("scenario") ? j.get("scenario").asText() : null,
                        j.path("origin").asText(), j.path("message").asText(), data));
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
