package io.barrage.cli;

import io.barrage.engine.control.ControlledRun;
import io.barrage.engine.control.Status;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.results.Json;
import io.barrage.engine.summary.Percentiles;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.StepSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The running test as Groovy mode binds it, {@code run}: {@code run.phase}, {@code run.status},
 * {@code run.metrics.p99('GET /items')}, {@code run.rate(300)}... Reads go through the same
 * steering as the commands, so they work attached too.
 */
public final class RunView {
    private final Supplier<Steering> steering;

    RunView(Supplier<Steering> steering) {
        this.steering = steering;
    }

    private ControlledRun run() {
        return steering.get().run();
    }

    /** The status as maps and lists: state, elapsedSeconds, scenarios, assertions... */
    public Map<String, Object> getStatus() {
        ControlledRun r = run();
        RunStatus s = r.status();
        return Json.MAPPER.convertValue(Status.of(r.name(), s, r.summarySoFar()), Map.class);
    }

    /** The first scenario's current phase. */
    public String getPhase() {
        List<RunStatus.ScenarioStatus> s = run().status().scenarios();
        return s.isEmpty() ? null : s.get(0).phase();
    }

    public String getState() {
        return run().status().state();
    }

    public double getElapsed() {
        return run().status().elapsedSeconds();
    }

    public List<String> getScenarios() {
        List<String> out = new ArrayList<>();
        for (RunStatus.ScenarioStatus s : run().status().scenarios()) out.add(s.name());
        return out;
    }

    /** Numbers so far, from the summary of the last interval. */
    public Metrics getMetrics() {
        return new Metrics(run().summarySoFar());
    }

    public String rate(double perSecond) {
        Steering s = steering.get();
        s.run().setRate(null, perSecond, s.origin());
        return ReplCommands.describe("rate", Map.of("rate", perSecond));
    }

    public String users(int users) {
        Steering s = steering.get();
        s.run().setUsers(null, users, s.origin());
        return ReplCommands.describe("users", Map.of("users", users));
    }

    public String pause() {
        Steering s = steering.get();
        return ReplCommands.describe("pause", Map.of("paused", s.run().pause(s.origin())));
    }

    public String resume() {
        Steering s = steering.get();
        return ReplCommands.describe("resume", Map.of("resumed", s.run().resume(s.origin())));
    }

    public String stop() {
        Steering s = steering.get();
        s.run().stop("stopped from Groovy mode", s.origin());
        return ReplCommands.describe("stop", Map.of("stopping", true));
    }

    @Override
    public String toString() {
        try {
            return "run " + run().name() + " (" + getState() + ", phase " + getPhase() + ")";
        } catch (RuntimeException e) {
            return "run (" + e.getMessage() + ")";
        }
    }

    /**
     * Latency (ms) and counts of the run so far: {@code p99()} of the first scenario's calls,
     * {@code p99('GET /items')} of a step (in whichever scenario has it); counts over every scenario.
     */
    public static final class Metrics {
        private final RunSummary summary;

        Metrics(RunSummary summary) {
            this.summary = summary;
        }

        public Double p50() { return at(null, 50); }
        public Double p95() { return at(null, 95); }
        public Double p99() { return at(null, 99); }
        public Double max() { return at(null, 100); }
        public Double p50(String step) { return at(step, 50); }
        public Double p95(String step) { return at(step, 95); }
        public Double p99(String step) { return at(step, 99); }
        public Double max(String step) { return at(step, 100); }

        public long requests() { return summary == null ? 0 : summary.scenarios().stream().mapToLong(s -> s.total().requests()).sum(); }

        public double errorRate() {
            long r = requests();
            return r == 0 ? 0 : (double) summary.scenarios().stream().mapToLong(s -> s.total().errors()).sum() / r;
        }

        /** Step name → requests so far. */
        public Map<String, Long> getSteps() {
            Map<String, Long> out = new LinkedHashMap<>();
            if (summary != null) for (ScenarioSummary s : summary.scenarios()) for (StepSummary st : s.steps()) out.merge(st.name(), st.stats().requests(), Long::sum);
            return out;
        }

        private Double at(String step, double p) {
            if (summary == null) return null;
            for (ScenarioSummary s : summary.scenarios()) {
                if (step == null) {
                    Percentiles l = s.total().latency();
                    return l == null ? null : l.at(p);
                }
                for (StepSummary st : s.steps()) {
                    if (st.name().equals(step)) {
                        Percentiles l = st.stats().latency();
                        return l == null ? null : l.at(p);
                    }
                }
            }
            if (step != null) throw new IllegalArgumentException("no step '" + step + "' (steps: " + String.join(", ", getSteps().keySet()) + ")");
            return null;
        }

        @Override
        public String toString() {
            return "metrics: " + requests() + " requests, p99 " + p99() + " ms, steps " + getSteps().keySet();
        }
    }
}
