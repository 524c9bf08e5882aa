package io.barrage.engine.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one step (a named request or action) of one scenario. Protocol clients fetch it once
 * per call by name and record the call's three timings; the series for the current phase is
 * picked at the moment of recording. Beside them, a protocol records {@linkplain #timing named
 * timings} (HTTP's seven phases — wait, dns, connect, tls, write, first_byte, body — or a
 * protocol's own, such as time to first token) and {@linkplain #counter named counters} (tokens,
 * messages, commands): they reach the interval log, the summary, every output and the assertions
 * by name, with no engine change per protocol.
 */
public final class StepMetrics {
    private final ScenarioMetrics scenario;
    private final String name;
    private final AtomicReferenceArray<Series> byPhase;
    /** HTTP's phase timings, in the order of {@link #TIMING_NAMES}: the first of {@link #timings}, fetched without a lookup. */
    private final Timing[] http = new Timing[TIMING_NAMES.length];
    static final String[] TIMING_NAMES = {
        MetricNames.WAIT, MetricNames.DNS, MetricNames.CONNECT, MetricNames.TLS, MetricNames.WRITE,
        MetricNames.FIRST_BYTE, MetricNames.BODY};
    /** Every named timing of the step, HTTP's seven first; copied on write (a new name is rare). */
    private volatile Timing[] timings;
    private volatile Count[] counters = new Count[0];
    private final LongAdder retries = new LongAdder();

    /** A named timing of a step: record a duration in nanoseconds; a negative one means "did not happen". */
    public static final class Timing {
        private final String name;
        final StripedRecorder recorder = new StripedRecorder();
        final Histogram total = new Histogram(MetricNames.DIGITS);

        private Timing(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public void record(long nanos) {
            if (nanos >= 0) recorder.recordValue(Micros.of(nanos));
        }
    }

    /** A named counter of a step (tokens, messages...): it only grows. */
    public static final class Count {
        private final String name;
        private final LongAdder adder = new LongAdder();
        long seen;

        private Count(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Adds {@code n}; a negative {@code n} is ignored. */
        public void add(long n) {
            if (n > 0) adder.add(n);
        }

        public void increment() {
            adder.increment();
        }

        public long total() {
            return adder.sum();
        }
    }

    StepMetrics(ScenarioMetrics scenario, String name) {
        this.scenario = scenario;
        this.name = name;
        this.byPhase = new AtomicReferenceArray<>(scenario.slotCount());
        for (int i = 0; i < TIMING_NAMES.length; i++) http[i] = new Timing(TIMING_NAMES[i]);
        this.timings = http.clone();
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
        Timing[] t = http;
        if (wait >= 0) t[0].recorder.recordValue(Micros.of(wait));
        if (dns >= 0) t[1].recorder.recordValue(Micros.of(dns));
        if (connect >= 0) t[2].recorder.recordValue(Micros.of(connect));
        if (tls >= 0) t[3].recorder.recordValue(Micros.of(tls));
        if (write >= 0) t[4].recorder.recordValue(Micros.of(write));
        if (firstByte >= 0) t[5].recorder.recordValue(Micros.of(firstByte));
        if (body >= 0) t[6].recorder.recordValue(Micros.of(body));
    }

    /**
     * The named timing {@code name} of this step, made on first use: fetch it once (per client or
     * per call) and {@link Timing#record} into it.
     *
     * @throws IllegalArgumentException for a name that is not lower-case letters, digits and '_'
     *         (up to 64), or one of the three timings every call has (latency, service, lag)
     */
    public Timing timing(String name) {
        for (Timing t : timings) if (t.name.equals(name)) return t;
        synchronized (this) {
            for (Timing t : timings) if (t.name.equals(name)) return t;
            check(name, "timing");
            Timing t = new Timing(name);
            Timing[] next = java.util.Arrays.copyOf(timings, timings.length + 1);
            next[next.length - 1] = t;
            timings = next;
            return t;
        }
    }

    /** The named counter {@code name} of this step, made on first use (names as for {@link #timing}). */
    public Count counter(String name) {
        for (Count c : counters) if (c.name.equals(name)) return c;
        synchronized (this) {
            for (Count c : counters) if (c.name.equals(name)) return c;
            check(name, "counter");
            Count c = new Count(name);
            Count[] next = java.util.Arrays.copyOf(counters, counters.length + 1);
            next[next.length - 1] = c;
            counters = next;
            return c;
        }
    }

    private static void check(String name, String what) {
        String problem = io.barrage.engine.model.MetricName.problem(name, what);
        if (problem != null) throw new IllegalArgumentException(problem);
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

    /** Every named timing, HTTP's seven first, then in the order they were first used. */
    Timing[] timings() {
        return timings;
    }

    /** Every named counter, in the order they were first used. */
    Count[] counters() {
        return counters;
    }

    /** HTTP's phase timings, in their order ({@link MetricNames#WAIT}, {@link MetricNames#DNS}...). */
    public static List<String> timingNames() {
        return List.of(TIMING_NAMES);
    }

    /** The names of this step's timings: HTTP's seven, then its protocol's own. */
    public List<String> timingNamesInUse() {
        return java.util.Arrays.stream(timings).map(Timing::name).toList();
    }

    /** The total so far of a named timing, or null when the step has no timing of that name. */
    public Histogram timingTotal(String metric) {
        for (Timing t : timings) if (t.name.equals(metric)) return t.total;
        return null;
    }

    /** The named counters' totals so far, in the order they were first used. */
    public java.util.Map<String, Long> counterTotals() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Count c : counters) out.put(c.name, c.total());
        return out;
    }
}
