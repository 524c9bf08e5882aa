package io.barrage.engine.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one tag set (scenario, step, phase): latency and service-time recorders, the
 * request counter and the error counters by kind. Recording threads never block; the reporter
 * alone swaps interval histograms and owns the totals.
 */
public final class Series {
    private final String scenario;
    private final String step;
    private final String phase;
    final StripedRecorder latency = new StripedRecorder();
    final StripedRecorder service = new StripedRecorder();
    final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

    // Reporter-owned state.
    Histogram latencyInterval;
    Histogram serviceInterval;
    final Histogram latencyTotal = new Histogram(MetricNames.DIGITS);
    final Histogram serviceTotal = new Histogram(MetricNames.DIGITS);
    long requestsSeen;
    final Map<String, Long> errorsSeen = new TreeMap<>();

    Series(String scenario, String step, String phase) {
        this.scenario = scenario;
        this.step = step;
        this.phase = phase;
    }

    public String scenario() { return scenario; }
    public String step() { return step; }
    public String phase() { return phase; }

    void record(long intended, long start, long end, String errorKind) {
        latency.recordValue(Micros.of(end - intended));
        service.recordValue(Micros.of(end - start));
        if (errorKind != null) errors.computeIfAbsent(errorKind, k -> new LongAdder()).increment();
    }

    /** Run totals so far (reporter thread, or after the run). */
    public Histogram latencyTotal() { return latencyTotal; }
    public Histogram serviceTotal() { return serviceTotal; }
    public long requestsTotal() { return requestsSeen; }
    public Map<String, Long> errorsTotal() { return errorsSeen; }
}
