package io.barrage.cli;

import io.barrage.engine.control.Status;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.summary.RunSummary;

/** The status of a run as the REPL prints it: a header line and a row per scenario, the assertions so far. */
final class StatusTable {
    private StatusTable() {}

    /**
     * @param name the plan's name
     * @param s    the status now
     * @param so   the summary so far (its assertions; its verdict once the run finished), or null
     */
    static String render(String name, RunStatus s, RunSummary so) {
        StringBuilder b = new StringBuilder();
        b.append(name == null ? "run" : name).append(" · ").append(s.state())
         .append(" · ").append(Fmt.seconds(s.elapsedSeconds())).append(s.paused() ? " · PAUSED" : "");
        if (Status.finished(s) && so != null) b.append(" · ").append(so.status()).append(" (exit ").append(so.exitCode()).append(')');
        b.append('\n');
        // target and achieved over the last second, as the progress line; "now" is what the plan asks for
        // at this moment (a live change shows there at once)
        Table t = new Table("  ", "scenario", "phase", "now", "target", "achieved", "req/s", "in flight", "p50", "p95", "p99",
                "requests", "errors", "iter. failed", "dropped");
        for (RunStatus.ScenarioStatus x : s.scenarios()) {
            boolean open = "open".equals(x.model());
            String unit = open ? "/s" : " users";
            int index = x.phaseIndex(), count = x.phaseCount();
            String phase = index >= count ? x.phase() : x.phase() + " " + (index + 1) + "/" + count
                    + " " + Fmt.seconds(x.phaseElapsedSeconds()) + "/" + Fmt.seconds(x.phaseDurationSeconds());
            long requests = x.requests(), errors = x.errors();
            t.row(x.name() + (x.paused() ? " (paused)" : ""), phase,
                    Fmt.num(x.target()) + unit, Fmt.num(x.intervalTarget()) + unit,
                    Fmt.num(x.achieved()) + unit,
                    Fmt.num(x.rps()), Integer.toString(x.inFlight()),
                    ms(x.p50()), ms(x.p95()), ms(x.p99()), Fmt.count(requests),
                    requests == 0 ? "0" : Fmt.pct((double) errors / requests), Fmt.count(x.iterationErrors()),
                    open ? Fmt.count(x.dropped()) : "-");
        }
        b.append(t.render());
        if (so != null && !so.assertions().isEmpty()) {
            StringBuilder line = new StringBuilder("  so far:");
            for (AssertionResult r : so.assertions()) line.append("  ").append(r.passed() ? "✓ " : "✗ ").append(r.text()).append(' ').append(r.actual());
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static String ms(Double v) {
        return v == null ? "-" : Fmt.ms(v);
    }
}
