package io.barrage.engine.prometheus;

import io.barrage.engine.metrics.MeterValue;
import io.barrage.engine.metrics.Meters;
import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.TaggedHistogram;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.GeneratorSummary;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.StepSummary;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The run as Prometheus series: what {@code /metrics} serves (the {@code prometheus} output and the
 * control API) and what remote write and the Pushgateway send. An output of the run: each interval's
 * histograms are added into cumulative ones (latency, service time and every named timing per
 * scenario × step × phase; schedule lag per scenario × phase), exposed as native histograms with
 * classic buckets beside them; counters come from the summary so far, so that at the end they are
 * exactly summary.json's; gauges say what holds now.
 *
 * <p>Every series carries the run's labels ({@code run_id}, {@code experiment} and the user's own).
 */
public final class PrometheusSeries implements Output, MultiCollector {
    /** Labels the series use themselves: a run label may not take one of these names. */
    public static final Set<String> RESERVED = Set.of("scenario", "step", "phase", "kind", "timing", "name", "analysis", "le", "quantile");

    /** The run's labels, sorted, as of {@link #onStart} (or {@link #view}). */
    private volatile Map<String, String> runLabels = Map.of();
    private volatile RunView run;
    private volatile Map<String, ScenarioTick> last = Map.of();
    private volatile List<MeterValue> meters = List.of();
    /** Cumulative histograms by family and labels; guarded by this. */
    private final Map<String, Map<List<String>, Histogram>> histograms = new LinkedHashMap<>();

    private static final String LATENCY = "barrage_latency_seconds";
    private static final String SERVICE = "barrage_service_time_seconds";
    private static final String LAG = "barrage_schedule_lag_seconds";
    private static final String TIMING = "barrage_timing_seconds";

    /**
     * Checks labels the user gives a run ({@code --label}, {@code --experiment}) as every series
     * will carry them.
     *
     * @throws IllegalArgumentException for a name Prometheus refuses or one the series use themselves
     */
    public static void checkLabels(Map<String, String> labels) {
        for (String name : labels.keySet()) {
            if (RESERVED.contains(name) || name.equals("run_id")) {
                throw new IllegalArgumentException("label '" + name + "' is one barrage's series use themselves: choose another name");
            }
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
                throw new IllegalArgumentException("label '" + name + "' is not a Prometheus label name (letters, digits and '_', not starting with a digit or '__')");
            }
        }
    }

    /** The run whose status is read, when a server learns it before {@link #onStart}. */
    public void view(RunView run) {
        this.runLabels = new TreeMap<>(run.labels());
        this.run = run;
    }

    @Override
    public void onStart(RunView run) {
        view(run);
    }

    @Override
    public synchronized void onInterval(Tick tick) {
        Map<String, ScenarioTick> m = new LinkedHashMap<>();
        for (ScenarioTick s : tick.scenarios()) m.put(s.scenario(), s);
        synchronized (this) {
            for (TaggedHistogram t : tick.histograms()) {
                String family;
                List<String> key;
                switch (t.metric()) {
                    case MetricNames.LATENCY -> { family = LATENCY; key = List.of(t.scenario(), nz(t.step()), nz(t.phase())); }
                    case MetricNames.SERVICE -> { family = SERVICE; key = List.of(t.scenario(), nz(t.step()), nz(t.phase())); }
                    case MetricNames.LAG -> { family = LAG; key = List.of(t.scenario(), nz(t.phase())); }
                    default -> { family = TIMING; key = List.of(t.scenario(), nz(t.step()), nz(t.phase()), t.metric()); }
                }
                histograms.computeIfAbsent(family, f -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new Histogram(MetricNames.DIGITS))
                        .add(t.histogram());
            }
        }
        last = m;
        meters = tick.meters();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        RunView r = run;
        List<MetricSnapshot> out = new ArrayList<>();
        if (r == null) return new MetricSnapshots(out);
        RunStatus status = r.status();
        RunSummary soFar = r.summarySoFar();
        Map<String, ScenarioTick> interval = last;

        out.add(gauge("barrage_running", "1 while the load runs.", g -> g.accept(point("running".equals(status.state()) ? 1 : 0))));
        out.add(gauge("barrage_paused", "1 while the run is paused.", g -> g.accept(point(status.paused() ? 1 : 0))));
        out.add(gauge("barrage_elapsed_seconds", "Time since the load started.", g -> g.accept(point(status.elapsedSeconds()))));

        List<RunStatus.ScenarioStatus> scenarios = status.scenarios();
        out.add(gauge("barrage_target", "The load the plan asks for now: arrivals/s (open model) or users (closed).",
                g -> scenarios.forEach(s -> g.accept(point(s.target(), "scenario", s.name())))));
        out.add(gauge("barrage_interval_target", "The load the plan asked for over the last interval, its mean: arrivals/s or users.",
                g -> scenarios.forEach(s -> g.accept(point(interval.containsKey(s.name()) ? interval.get(s.name()).target() : 0, "scenario", s.name())))));
        out.add(gauge("barrage_achieved", "The load made over the last interval: arrivals/s (open) or mean users (closed).",
                g -> scenarios.forEach(s -> g.accept(point(interval.containsKey(s.name()) ? interval.get(s.name()).achieved() : 0, "scenario", s.name())))));
        out.add(gauge("barrage_users", "Virtual users alive now.", g -> scenarios.forEach(s -> g.accept(point(s.users(), "scenario", s.name())))));
        out.add(gauge("barrage_in_flight", "Calls in flight now.", g -> scenarios.forEach(s -> g.accept(point(s.inFlight(), "scenario", s.name())))));
        out.add(gauge("barrage_phase", "1 for the phase each scenario is in (its name in the phase label), with its index as phase_index.",
                g -> scenarios.forEach(s -> { if (s.phase() != null) g.accept(point(1, "scenario", s.name(), "phase", s.phase())); })));
        out.add(gauge("barrage_phase_index", "The index of the phase each scenario is in, from 0.",
                g -> scenarios.forEach(s -> g.accept(point(s.phaseIndex(), "scenario", s.name())))));
        out.add(gauge("barrage_requests_per_second", "Calls ended per second over the last interval.",
                g -> scenarios.forEach(s -> g.accept(point(interval.containsKey(s.name()) ? interval.get(s.name()).requestsPerSecond() : 0, "scenario", s.name())))));
        out.add(gauge("barrage_score", "An analysis' score of the last interval, 0 to 1 (balance...).",
                g -> interval.values().forEach(t -> t.scores().forEach((a, v) -> { if (Double.isFinite(v)) g.accept(point(v, "scenario", t.scenario(), "analysis", a)); }))));

        if (soFar != null) {
            List<ScenarioSummary> sc = soFar.scenarios();
            out.add(counter("barrage_requests", "Calls ended, per step (sum by scenario for a scenario's).",
                    c -> sc.forEach(s -> s.steps().forEach(st -> c.accept(cpoint(st.stats().requests(), "scenario", s.name(), "step", st.name()))))));
            out.add(counter("barrage_errors", "Calls that failed, per step and error kind.",
                    c -> sc.forEach(s -> s.steps().forEach(st -> st.stats().errorsByKind().forEach((k, n) ->
                            c.accept(cpoint(n, "scenario", s.name(), "step", st.name(), "kind", k)))))));
            out.add(counter("barrage_iterations", "Iterations started.", c -> sc.forEach(s -> c.accept(cpoint(s.iterations(), "scenario", s.name())))));
            out.add(counter("barrage_iteration_errors", "Iterations whose user code threw (not calls).",
                    c -> sc.forEach(s -> c.accept(cpoint(s.iterationErrors() == null ? 0 : s.iterationErrors().count(), "scenario", s.name())))));
            out.add(counter("barrage_scheduled", "Open-model arrivals the plan scheduled.", c -> sc.forEach(s -> c.accept(cpoint(s.scheduled(), "scenario", s.name())))));
            out.add(counter("barrage_dropped", "Open-model arrivals dropped at the concurrency cap.", c -> sc.forEach(s -> c.accept(cpoint(s.dropped(), "scenario", s.name())))));
            out.add(counter("barrage_step_counter", "A protocol's named counter on a step (tokens, messages...).",
                    c -> sc.forEach(s -> s.steps().forEach(st -> st.counters().forEach((n, v) ->
                            c.accept(cpoint(v, "scenario", s.name(), "step", st.name(), "name", n)))))));
            GeneratorSummary gen = soFar.generator();
            if (gen != null) {
                out.add(counter("barrage_generator_cpu_seconds", "CPU time the generator's process used.", c -> c.accept(cpoint(gen.cpuSeconds()))));
                out.add(counter("barrage_generator_gc_pause_seconds", "Time the generator's JVM paused for garbage collection.", c -> c.accept(cpoint(gen.gcPauseSeconds()))));
                out.add(counter("barrage_generator_saturated_intervals", "Intervals in which the generator's CPU was saturated (its latencies then measure it too).",
                        c -> c.accept(cpoint(gen.saturatedIntervals()))));
                out.add(gauge("barrage_generator_cores", "Cores the generator may use.", g -> g.accept(point(gen.cores()))));
                out.add(gauge("barrage_generator_cpu_max_cores", "The most cores the generator used in one interval so far.", g -> g.accept(point(gen.cpuMax()))));
            }
        }
        synchronized (this) {
            histogram(out, LATENCY, "Latency of calls, from each call's intended start (corrected for coordinated omission).", "scenario", "step", "phase");
            histogram(out, SERVICE, "Service time of calls, from each call's actual start.", "scenario", "step", "phase");
            histogram(out, LAG, "Schedule lag: an iteration's actual start minus its intended start.", "scenario", "phase");
            histogram(out, TIMING, "A protocol's named timing of a step (HTTP's wait, connect, first_byte...; a protocol's own).", "scenario", "step", "phase", "timing");
        }
        meters(out, meters);
        return new MetricSnapshots(out);
    }

    private void histogram(List<MetricSnapshot> out, String family, String help, String... names) {
        Map<List<String>, Histogram> series = histograms.get(family);
        if (series == null || series.isEmpty()) return;
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(family).help(help);
        for (Map.Entry<List<String>, Histogram> e : series.entrySet()) {
            String[] kv = new String[names.length * 2];
            for (int i = 0; i < names.length; i++) {
                kv[2 * i] = names[i];
                kv[2 * i + 1] = e.getKey().get(i);
            }
            b.dataPoint(PrometheusHistograms.point(e.getValue(), labels(kv)));
        }
        out.add(b.build());
    }

    /** The run's named counters and gauges, each family with its own labels plus the run's. */
    private void meters(List<MetricSnapshot> out, List<MeterValue> values) {
        Map<String, List<MeterValue>> byName = new LinkedHashMap<>();
        for (MeterValue v : values) if (Double.isFinite(v.value())) byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
        for (Map.Entry<String, List<MeterValue>> e : byName.entrySet()) {
            boolean counter = e.getValue().get(0).kind() == Meters.Kind.COUNTER;
            String name = counter ? e.getKey().replaceAll("_total$", "") : e.getKey();
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help("A counter of the run's (named by the script or a resource).");
                for (MeterValue v : e.getValue()) b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(v.labels())).value(v.value()).build());
                out.add(b.build());
            } else {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help("A gauge of the run's (named by the script or a resource).");
                for (MeterValue v : e.getValue()) b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(v.labels())).value(v.value()).build());
                out.add(b.build());
            }
        }
    }

    private GaugeSnapshot gauge(String name, String help, Consumer<Consumer<GaugeDataPointSnapshot>> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.accept(b::dataPoint);
        return b.build();
    }

    private CounterSnapshot counter(String name, String help, Consumer<Consumer<CounterDataPointSnapshot>> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.accept(b::dataPoint);
        return b.build();
    }

    private GaugeDataPointSnapshot point(double value, String... kv) {
        return GaugeDataPointSnapshot.builder().labels(labels(kv)).value(value).build();
    }

    private CounterDataPointSnapshot cpoint(double value, String... kv) {
        return CounterDataPointSnapshot.builder().labels(labels(kv)).value(value).build();
    }

    private Labels labels(String... kv) {
        Labels.Builder b = Labels.builder();
        runLabels.forEach(b::label);
        for (int i = 0; i < kv.length; i += 2) b.label(kv[i], kv[i + 1]);
        return b.build();
    }

    private Labels labels(Map<String, String> own) {
        Labels.Builder b = Labels.builder();
        runLabels.forEach(b::label);
        own.forEach((k, v) -> { if (!runLabels.containsKey(k)) b.label(k, v); });
        return b.build();
    }
}
