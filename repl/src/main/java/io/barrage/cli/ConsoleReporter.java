package io.barrage.cli;

import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.format.Durations;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.summary.RunSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live console of a run: one progress line per scenario each second (elapsed, phase, target →
 * achieved, in-flight, p50/p95/p99, errors, dropped) and a line for every event (phases, control
 * commands, warnings). On a terminal the progress lines are redrawn in place; in a log they follow
 * one another.
 */
final class ConsoleReporter implements Output {
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean progress;
    private List<String> lastProgress = List.of();

    /** The console's output name: {@code console} or {@code console:progress=off}. */
    static final String NAME = "console";

    ConsoleReporter(PrintWriter out, boolean terminal, boolean progress) {
        this.out = out;
        this.terminal = terminal;
        this.progress = progress;
    }

    /**
     * The console as a registered output writing to {@code out}: {@code progress=on|off} (default
     * {@code defaultProgress}). On a terminal the progress lines are redrawn in place.
     */
    static OutputFactory factory(PrintWriter out, boolean terminal, boolean defaultProgress) {
        return new OutputFactory() {
            @Override
            public List<String> options() {
                return List.of("progress");
            }

            @Override
            public String description() {
                return "the live progress line and every event on the terminal (progress=on|off)";
            }

            @Override
            public void check(OutputSpec spec) {
                progress(spec);
            }

            @Override
            public Output create(OutputSpec spec, Context context) {
                boolean progress = progress(spec);
                return new ConsoleReporter(out, terminal && progress, progress);
            }

            private boolean progress(OutputSpec spec) {
                String p = spec.option("progress", defaultProgress ? "on" : "off");
                return switch (p) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("output console: progress must be on or off, not '" + p + "'");
                };
            }
        };
    }

    @Override
    public synchronized void onInterval(Tick tick) {
        if (!progress || tick.last()) return;
        List<String> lines = new ArrayList<>();
        boolean several = tick.scenarios().size() > 1;
        for (ScenarioTick s : tick.scenarios()) lines.add(line(tick.elapsedNanos(), s, several));
        String gauges = gauges(tick.elapsedNanos(), tick.meters());
        if (gauges != null) lines.add(gauges);
        if (terminal) {
            clearProgress();
            for (int i = 0; i < lines.size(); i++) out.print(lines.get(i) + (i < lines.size() - 1 ? "\n" : ""));
            lastProgress = lines;
        } else {
            for (String l : lines) out.println(l);
        }
        out.flush();
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        String line = eventLine(e);
        if (line == null) return;
        if (!progress && !e.type().equals(RunEvent.TYPE_WARNING) && !e.type().equals(RunEvent.TYPE_GUARDRAIL)
                && RunEvent.isEngineType(e.type()) && !e.type().equals(RunEvent.TYPE_SIM)) return;
        if (terminal) {
            clearProgress();
            out.println(line);
            for (int i = 0; i < lastProgress.size(); i++) out.print(lastProgress.get(i) + (i < lastProgress.size() - 1 ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** An event as the console shows it ({@code 00:12 ⚙ checkout: rate set to 300/s (repl)}), or null for one it does not show. */
    static String eventLine(RunEvent e) {
        String mark = switch (e.type()) {
            case RunEvent.TYPE_PHASE -> "▸";
            case RunEvent.TYPE_CONTROL -> "⚙";
            case RunEvent.TYPE_WARNING, RunEvent.TYPE_GUARDRAIL -> "!";
            case RunEvent.TYPE_SIM -> "⚡";
            default -> RunEvent.isEngineType(e.type()) ? null : "!";   // what an analysis found (balance...)
        };
        if (mark == null) return null;
        String who = e.scenario() == null ? "" : e.scenario() + ": ";
        return Durations.clock(e.elapsedNanos()) + " " + mark + " " + who + e.message()
                + (e.type().equals(RunEvent.TYPE_CONTROL) ? " (" + e.origin() + ")" : "");
    }

    @Override
    public void onEnd(RunSummary summary) {
        finish();
    }

    /** Ends the live display so that what follows starts on a fresh line. */
    synchronized void finish() {
        if (terminal && !lastProgress.isEmpty()) out.println();
        lastProgress = List.of();
        out.flush();
    }

    private void clearProgress() {
        if (lastProgress.isEmpty()) return;
        out.print("\r\033[K");
        for (int i = 1; i < lastProgress.size(); i++) out.print("\033[1A\r\033[K");
    }

    /** The most gauges the live line shows (a run can have thousands: simulated processes' series). */
    static final int GAUGES_SHOWN = 6;

    /**
     * The run's gauges as of this interval ({@code 00:05 gauges  redis_queue_depth{key=jobs:email,queue=emails} 1 234}),
     * null when it has none: a queue's depth beside the load that fills it.
     */
    static String gauges(long elapsedNanos, List<io.barrage.engine.metrics.MeterValue> meters) {
        StringBuilder b = null;
        int shown = 0;
        int more = 0;
        for (io.barrage.engine.metrics.MeterValue m : meters) {
            if (m.kind() != io.barrage.engine.metrics.Meters.Kind.GAUGE) continue;
            if (shown == GAUGES_SHOWN) {
                more++;
                continue;
            }
            if (b == null) b = new StringBuilder(Durations.clock(elapsedNanos)).append(" gauges    ");
            b.append("  ").append(m.name());
            if (!m.labels().isEmpty()) {
                b.append('{');
                int i = 0;
                for (Map.Entry<String, String> e : m.labels().entrySet()) b.append(i++ == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                b.append('}');
            }
            b.append(' ').append(Double.isNaN(m.value()) ? "?" : Fmt.num(m.value()));
            shown++;
        }
        if (b != null && more > 0) b.append("  … and ").append(more).append(" more");
        return b == null ? null : b.toString();
    }

    static String line(long elapsedNanos, ScenarioTick s, boolean withName) {
        StringBuilder b = new StringBuilder();
        b.append(Durations.clock(elapsedNanos)).append(' ');
        if (withName) b.append(Fmt.pad(s.scenario(), 10)).append(' ');
        b.append(Fmt.pad(s.phase(), 10)).append(' ');
        // target and achieved over the same second: the plan's mean over it, and what was made
        if (s.model() == LoadModel.OPEN) {
            b.append("rate ").append(Fmt.num(s.target())).append("/s → ").append(Fmt.num(s.achieved())).append("/s");
        } else {
            b.append("users ").append(Fmt.num(s.target())).append(" → ").append(Fmt.num(s.achieved()));
        }
        b.append("  ").append(Fmt.num(s.requestsPerSecond())).append(" req/s");
        b.append("  in-flight ").append(s.inFlight());
        b.append("  p50 ").append(Fmt.ms(s.latencyMillis(50)));
        b.append(" p95 ").append(Fmt.ms(s.latencyMillis(95)));
        b.append(" p99 ").append(Fmt.ms(s.latencyMillis(99)));
        b.append("  err ").append(Fmt.pct(s.errorRate()));
        if (s.failedIterations() > 0) b.append("  iterations failed ").append(s.failedIterations());
        if (s.model() == LoadModel.OPEN) b.append("  dropped ").append(s.dropped());
        s.scores().forEach((name, score) -> {
            if (!Double.isNaN(score)) b.append("  ").append(name).append(' ').append(Fmt.pct(score));
        });
        return b.toString();
    }
}
