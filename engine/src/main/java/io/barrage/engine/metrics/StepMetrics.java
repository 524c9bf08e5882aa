package io.barrage.engine.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one step (a named request or action) of one scenario. Protocol clients fetch it once
 * per call by name and record the call's three timings; the series for the current phase is
 * picked at the moment of recording.
 */
public final class StepMetrics {
    private final ScenarioMetrics scenario;
    private final String name;
    private final AtomicReferenceArray<Series> byPhase;
    /** The phase timings of a call, in the order of {@link #TIMING_NAMES}. */
    private final StripedRecorder[] timings = new StripedRecorder[TIMING_NAMES.length];
    final Histogram[] timingTotals = new Histogram[TIMING_NAMES.length];
    static final String[] TIMING_NAMES = {
        MetricNames.WAIT, MetricNames.DNS, MetricNames.CONNECT, MetricNames.TLS, MetricNames.WRITE,
        MetricNames.FIRST_BYTE, MetricNames.BODY};
    private final LongAdder retries = new LongAdder();

    StepMetrics(ScenarioMetrics scenario, String name) {
        this.scenario = scenario;
        this.name = name;
        this.byPhase = new AtomicReferenceArray<>(scenario.slotCount());
        for (int i = 0; i < TIMING_NAMES.length; i++) {
            timings[i] = new StripedRecorder();
            timingTotals[i] = new Histogram(MetricNames.DIGITS);
        }
    }

    public String name() {
        return name;
    }

    /**
     * Records one call.
     *
     * @param intended  when the call should have started (nanoTime): the latency is measured from here
     * @param start     when it actually started
     * @param end       when it ended
     * @param errorKind the {@link ErrorKinds error kind}, or null if the call succeeded
     */
    public void record(long intended, long start, long end, String errorKind) {
        series(scenario.slot()).record(Math.min(intended, start), start, end, errorKind);
    }

    /**
     * Records the phase timings of a call, in nanoseconds; a negative value means "did not happen
     * in this call" (no pool wait, no new connection...).
     */
    public void recordTimings(long wait, long dns, long connect, long tls, long write, long firstByte, long body) {
        if (wait >= 0) timings[0].recordValue(Micros.of(wait));
        if (dns >= 0) timings[1].recordValue(Micros.of(dns));
        if (connect >= 0) timings[2].recordValue(Micros.of(connect));
        if (tls >= 0) timings[3].recordValue(Micros.of(tls));
        if (write >= 0) timings[4].recordValue(Micros.of(write));
        if (firstByte >= 0) timings[5].recordValue(Micros.of(firstByte));
        if (body >= 0) timings[6].recordValue(Micros.of(body));
    }

    /** Counts a request sent again on a new connection because a kept-alive one turned out closed. */
    public void retried() {
        retries.increment();
    }

    /** Requests sent again after a stale kept-alive connection. */
    public long retries() {
        return retries.sum();
    }

    Series series(int slot) {
        Series s = byPhase.get(slot);
        if (s == null) {
            Series created = new Series(scenario.name(), name, scenario.slotName(slot));
            s = byPhase.compareAndExchange(slot, null, created);
            if (s == null) s = created;
        }
        return s;
    }

    /** The series of a phase slot, or null if the step recorded nothing in it. */
    public Series seriesIfPresent(int slot) {
        return byPhase.get(slot);
    }

    StripedRecorder[] timingRecorders() {
        return timings;
    }

    /** The total so far of a phase timing ({@link MetricNames#WAIT}, {@link MetricNames#DNS}...). */
    public static List<String> timingNames() {
        return List.of(TIMING_NAMES);
    }

    public Histogram timingTotal(String metric) {
        for (int i = 0; i < TIMING_NAMES.length; i++) if (TIMING_NAMES[i].equals(metric)) return timingTotals[i];
        throw new IllegalArgumentException("no timing named " + metric);
    }
}
