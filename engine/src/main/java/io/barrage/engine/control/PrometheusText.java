package io.barrage.engine.control;

import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunStatus;

/** {@code GET /metrics}: the run now, in Prometheus text format, one series per scenario. */
final class PrometheusText {
    private PrometheusText() {}

    static String of(Run run) {
        RunStatus s = run.status();
        StringBuilder b = new StringBuilder();
        gauge(b, "barrage_running", "1 while the load runs.", null, "running".equals(s.state()) ? 1 : 0);
        gauge(b, "barrage_paused", "1 while the run is paused.", null, s.paused() ? 1 : 0);
        gauge(b, "barrage_elapsed_seconds", "Time since the load started.", null, s.elapsedSeconds());
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
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_interval_target", x.name(), null, x.intervalTarget());
        header(b, "barrage_achieved", "gauge", "The load made over the last interval: arrivals/s or mean users.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_achieved", x.name(), null, x.achieved());
        header(b, "barrage_in_flight", "gauge", "Calls in flight.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_in_flight", x.name(), null, x.inFlight());
        header(b, "barrage_requests_per_second", "gauge", "Calls ended per second in the last interval.");
        for (RunStatus.ScenarioStatus x : s.scenarios()) line(b, "barrage_requests_per_second", x.name(), null, x.rps());
        header(b, "barrage_latency_seconds", "gauge", "Latency percentiles of the last interval (from each call's intended start).");
        for (RunStatus.ScenarioStatus x : s.scenarios()) {
            if (x.p50() != null) line(b, "barrage_latency_seconds", x.name(), "0.5", x.p50() / 1000);
            if (x.p95() != null) line(b, "barrage_latency_seconds", x.name(), "0.95", x.p95() / 1000);
            if (x.p99() != null) line(b, "barrage_latency_seconds", x.name(), "0.99", x.p99() / 1000);
        }
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, String scenario, double v) {
        header(b, name, "gauge", help);
        line(b, name, scenario, null, v);
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
