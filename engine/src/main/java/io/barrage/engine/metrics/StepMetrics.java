package io.barrage.engine.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The metrics of one step (a named request or action) of one scenario. Protocol clients fetch it once
 * per call by name and record the call's three timings; the series for the current phase is
 * picked at the moment of recording.
 */
public final class StepMetrics {
    private final ScenarioMetrics scenario;
    private final String name;
    private final AtomicReferenceArray<Series> byPhase;
    final Recorder dns = new Recorder(MetricNames.DIGITS);
    final Recorder connect = new Recorder(MetricNames.DIGITS);
    final Recorder tls = new Recorder(MetricNames.DIGITS);
    final Recorder firstByte = new Recorder(MetricNames.DIGITS);
    final Recorder body = new Recorder(MetricNames.DIGITS);
    final Histogram[] timingTotals = {
        new Histogram(MetricNames.DIGITS), new Histogram(MetricNames.DIGITS), new Histogram(MetricNames.DIGITS),
        new Histogram(MetricNames.DIGITS), new Histogram(MetricNames.DIGITS)};
    static final String[] TIMING_NAMES = {
        MetricNames.DNS, MetricNames.CONNECT, MetricNames.TLS, MetricNames.FIRST_BYTE, MetricNames.BODY};

    StepMetrics(ScenarioMetrics scenario, String name) {
        this.scenario = scenario;
        this.name = name;
        this.byPhase = new AtomicReferenceArray<>(scenario.slotCount());
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

    /** Records the phase timings of a call; a negative value means "did not happen in this call". */
    public void recordTimings(long dnsNanos, long connectNanos, long tlsNanos, long firstByteNanos, long bodyNanos) {
        if (dnsNanos >= 0) dns.recordValue(Micros.of(dnsNanos));
        if (connectNanos >= 0) connect.recordValue(Micros.of(connectNanos));
        if (tlsNanos >= 0) tls.recordValue(Micros.of(tlsNanos));
        if (firstByteNanos >= 0) firstByte.recordValue(Micros.of(firstByteNanos));
        if (bodyNanos >= 0) body.recordValue(Micros.of(bodyNanos));
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

    Recorder[] timingRecorders() {
        return new Recorder[] {dns, connect, tls, firstByte, body};
    }

    /** Totals of the phase timings so far, in the order dns, connect, tls, first_byte, body. */
    public Histogram timingTotal(String metric) {
        for (int i = 0; i < TIMING_NAMES.length; i++) if (TIMING_NAMES[i].equals(metric)) return timingTotals[i];
        throw new IllegalArgumentException("no timing named " + metric);
    }
}
