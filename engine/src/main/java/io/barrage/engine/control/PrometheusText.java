package io.barrage.engine.control;

import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.output.RunView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /metrics}: the run in Prometheus text format, one series per scenario. An output of the
 * run: it keeps what the last interval measured (its counters and its histograms' quantiles, as the
 * interval ends: the histograms themselves are the reporter's) and reads the run's status for the
 * totals and what holds now (state, target, calls in flight).
 */
final class PrometheusText implements Output {
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};
    private volatile RunView run;
    /** The last interval, by scenario; empty before the first. */
    private volatile Map<String, Interval> last = Map.of();
    /** The run's named counters and gauges as of the last interval. */
    private volatile List<io.barrage.engine.metrics.MeterValue> meters = List.of();

    /** What one scenario did in the last interval; latency and lag quantiles in seconds, null when nothing was measured. */
    private record Interval(double target, double achieved, double requestsPerSecond, double[] latency, double[] lag) {}

    /** The run the status is read from, when the server learns it before {@link #onStart}. */
    void view(RunView run) {
        this.run = run;
    }

    @Override
    public void onStart(RunView run) {
        this.run = run;
    }

    @Override
    public void onInterval(Tick tick) {
        Map<String, Interval> m = new LinkedHashMap<>();
        for (ScenarioTick s : tick.scenarios()) {
            m.put(s.scenario(), new Interval(s.target(), s.achieved(), s.requestsPerSecond(), quantiles(s.latency()), quantiles(s.lag())));
        }
        last = m;
        meters = tick.meters();
    }

    private static double[] quantiles(Histogram h) {
        if (h == null || h.getTotalCount() == 0) return null;
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length; i++) q[i] = h.getValueAtPercentile(QUANTILES[i] * 100) / 1e6;   // recorded in µs
        return q;
    }

    /** The text of {@code GET /metrics} now. */
    String text() {
        RunStatus s = run.status();
        Map<String, Interval> interval = last;
        List<String> names = new ArrayList<>();
        for (RunStatus.ScenarioStatus x : s.scenarios()) names.add(x.name());
        StringBuilder b = new StringBuilder();
        gauge(b, "barrage_running", "1 while the load runs.", "running".equals(s.state()) ? 1 : 0);
        gauge(b, "barrage_paused", "1 while the run is paused.", s.paused() ? 1 : 0);
        gauge(b, "barrage_elapsed_seconds", "Time since the load started.", s.elapsedSeconds());
        header(b, "barrage_requests_total", "counter", "Calls ended, per scenario.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_requests_total", x.name(), null, x.requests());
        header(b, "barrage_errors_total", "counter", "Calls that failed, per scenario.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_errors_total", x.name(), null, x.errors());
        header(b, "barrage_iteration_errors_total", "counter", "Iterations whose user code threw, per scenario (not calls).");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_iteration_errors_total", x.name(), null, x.iterationErrors());
        header(b, "barrage_dropped_total", "counter", "Open-model arrivals dropped at the concurrency cap.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_dropped_total", x.name(), null, x.dropped());
        header(b, "barrage_target", "gauge", "The load the plan asks for now: arrivals/s (open model) or users (closed).");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_target", x.name(), null, x.target());
        header(b, "barrage_interval_target", "gauge", "The load the plan asked for over the last interval, its mean: arrivals/s or users.");
        for (String n : names) line(b, "barrage_interval_target", n, null, interval.containsKey(n) ? interval.get(n).target() : 0);
        header(b, "barrage_achieved", "gauge", "The load made over the last interval: arrivals/s or mean users.");
        for (String n : names) line(b, "barrage_achieved", n, null, interval.containsKey(n) ? interval.get(n).achieved() : 0);
        header(b, "barrage_in_flight", "gauge", "Calls in flight.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_in_flight", x.name(), null, x.inFlight());
        header(b, "barrage_requests_per_second", "gauge", "Calls ended per second in the last interval.");
        for (String n : names) line(b, "barrage_requests_per_second", n, null, interval.containsKey(n) ? interval.get(n).requestsPerSecond() : 0);
        header(b, "barrage_latency_seconds", "gauge", "Latency quantiles of the last interval (from each call's intended start).");
        for (String n : names) quantileLines(b, "barrage_latency_seconds", n, interval.containsKey(n) ? interval.get(n).latency() : null);
        header(b, "barrage_schedule_lag_seconds", "gauge", "Schedule lag quantiles of the last interval (actual start minus intended start of an iteration).");
        for (String n : names) quantileLines(b, "barrage_schedule_lag_seconds", n, interval.containsKey(n) ? interval.get(n).lag() : null);
        stepCounters(b, run.summarySoFar());
        meters(b, meters);
        return b.toString();
    }

    /** Protocols' named counters on their steps (tokens, messages...), totals so far. */
    private static void stepCounters(StringBuilder b, io.barrage.engine.summary.RunSummary soFar) {
        if (soFar == null) return;
        boolean any = false;
        for (io.barrage.engine.summary.ScenarioSummary sc : soFar.scenarios()) {
            for (io.barrage.engine.summary.StepSummary st : sc.steps()) {
                for (Map.Entry<String, Long> c : st.counters().entrySet()) {
                    if (!any) header(b, "barrage_step_counter_total", "counter", "A protocol's named counter on a step, total so far.");
                    any = true;
                    b.append("barrage_step_counter_total{scenario=\"").append(escape(sc.name())).append("\",step=\"").append(escape(st.name()))
                            .append("\",name=\"").append(escape(c.getKey())).append("\"} ").append(c.getValue()).append('\n');
                }
            }
        }
    }

    /** The run's named counters and gauges (queue depth, proxy state...), each family with its own labels. */
    private static void meters(StringBuilder b, List<io.barrage.engine.metrics.MeterValue> values) {
        String family = null;
        for (io.barrage.engine.metrics.MeterValue v : values) {
            if (!Double.isFinite(v.value())) continue;
            if (!v.name().equals(family)) {
                family = v.name();
                boolean counter = v.kind() == io.barrage.engine.metrics.Meters.Kind.COUNTER;
                header(b, family, counter ? "counter" : "gauge", counter ? "A counter of the run's (named by the script or a resource)." : "A gauge of the run's (named by the script or a resource).");
            }
            b.append(v.name());
            if (!v.labels().isEmpty()) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<String, String> l : v.labels().entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    b.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
                }
                b.append('}');
            }
            double x = v.value();
            b.append(' ').append(x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x)).append('\n');
        }
    }

    private static void quantileLines(StringBuilder b, String name, String scenario, double[] q) {
        if (q == null) return;
        for (int i = 0; i < q.length; i++) line(b, name, scenario, Double.toString(QUANTILES[i]), q[i]);
    }

    private static void gauge(StringBuilder b, String name, String help, double v) {
        header(b, name, "gauge", help);
        line(b, name, null, null, v);
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder b, String name, String scenario, String quantile, double v) {
        b.append(name);
        if (scenario != null || quantile != null) {
            b.append('{');
            if (scenario != null) b.append("scenario=\"").append(escape(scenario)).append('"');
            if (quantile != null) b.append(scenario != null ? "," : "").append("quantile=\"").append(quantile).append('"');
            b.append('}');
        }
        b.append(' ');
        if (v == Math.rint(v) && Math.abs(v) < 1e15) b.append((long) v);
        else b.append(v);
        b.append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
