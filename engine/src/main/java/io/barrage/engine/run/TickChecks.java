package io.barrage.engine.run;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.format.Durations;
import io.barrage.engine.model.AbortRule;
import io.barrage.engine.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * What each reporter interval is checked for, besides being recorded: a saturated generator (a
 * warning at most every 10 s), each scenario's analyses (their findings become events), and the
 * guardrails that end a run (maxDuration, the stop file). Reporter thread only.
 */
final class TickChecks {
    private final TestPlan plan;
    private final GeneratorMonitor monitor;
    private final Events events;
    private final BiConsumer<String, String> stop;
    private final BooleanSupplier stopRequested;
    /** scenario → analysis → the run's watch of it */
    private final Map<String, Map<String, Analysis.Watch>> watches = new LinkedHashMap<>();
    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private long lastSaturationWarning = Long.MIN_VALUE;
    private final List<AbortWatch> aborts = new java.util.ArrayList<>();

    /** An {@link AbortRule} and what it has seen: the error rate's window, or the counter's total. */
    private static final class AbortWatch {
        final AbortRule rule;
        /** The scenario it watches, or null for all of them. */
        final String scenario;
        final java.util.ArrayDeque<long[]> window = new java.util.ArrayDeque<>();   // {end nanos, calls, errors}
        long total;

        AbortWatch(AbortRule rule, String scenario) {
            this.rule = rule;
            this.scenario = scenario;
        }
    }

    /** @param stop stops the run with a reason and an origin */
    TickChecks(TestPlan plan, GeneratorMonitor monitor, Events events, BiConsumer<String, String> stop, BooleanSupplier stopRequested) {
        this.plan = plan;
        this.monitor = monitor;
        this.events = events;
        this.stop = stop;
        this.stopRequested = stopRequested;
        for (Scenario sc : plan.scenarios()) {
            scenarios.putIfAbsent(sc.name(), sc);
            Map<String, Analysis.Watch> own = new LinkedHashMap<>();
            for (Analysis a : sc.analyses()) own.put(a.name(), a.watch());
            watches.putIfAbsent(sc.name(), own);
        }
        for (AbortRule r : plan.guardrails().abortWhen()) aborts.add(new AbortWatch(r, r.scenario()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Scenario sc : plan.scenarios()) {
            if (!seen.add(sc.name()) || sc.guardrails() == null) continue;
            for (AbortRule r : sc.guardrails().abortWhen()) aborts.add(new AbortWatch(r, sc.name()));
        }
    }

    /**
     * Judges the {@link AbortRule}s on this interval: the first that trips emits a guardrail event
     * with its value and stops the run (exit 3), with the rule and the value as the reason.
     */
    private void checkAborts(Tick t) {
        for (AbortWatch w : aborts) {
            long calls = 0;
            long errors = 0;
            long counted = 0;
            for (ScenarioTick s : t.scenarios()) {
                if (w.scenario != null && !w.scenario.equals(s.scenario())) continue;
                calls += s.requests();
                errors += s.errors();
                Map<String, Long> c = w.rule.counter() == null ? null : s.counters().get(w.rule.counter());
                if (c != null) for (long v : c.values()) counted += v;
            }
            String found;
            double value;
            if (AbortRule.ERROR_RATE.equals(w.rule.metric())) {
                w.window.addLast(new long[] {t.endNanos(), calls, errors});
                long from = t.endNanos() - w.rule.over().toNanos();
                while (!w.window.isEmpty() && w.window.peekFirst()[0] <= from) w.window.removeFirst();
                long n = 0;
                long e = 0;
                for (long[] x : w.window) {
                    n += x[1];
                    e += x[2];
                }
                if (n < AbortRule.MIN_CALLS) continue;
                value = (double) e / n;
                found = io.barrage.engine.format.Numbers.format(Math.round(value * 1000) / 10.0) + "% of " + n + " calls failed in the last "
                        + Durations.format(w.rule.over());
            } else if (AbortRule.GAUGE.equals(w.rule.metric())) {
                value = gauge(t, w.rule);
                if (Double.isNaN(value)) continue;   // not read yet (or the read failed): nothing to judge
                found = w.rule.counter() + (w.rule.labels().isEmpty() ? "" : w.rule.labels().toString()) + " is "
                        + io.barrage.engine.format.Numbers.format(value);
            } else {
                w.total += counted;
                value = w.total;
                found = w.rule.counter() + " is " + w.total;
            }
            if (!w.rule.trips(value) || stopRequested.getAsBoolean()) continue;
            String reason = "guardrail abortWhen " + w.rule.text() + (w.scenario == null ? "" : " (scenario " + w.scenario + ")") + ": " + found;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("guardrail", "abortWhen");
            data.put("rule", w.rule.text());
            data.put("value", value);
            events.emit(RunEvent.TYPE_GUARDRAIL, w.scenario, "guardrail", reason, data);
            stop.accept(reason, "guardrail");
            return;
        }
    }

    /** The highest value of the gauge's series whose labels include the rule's, NaN when none has a value. */
    private static double gauge(Tick t, AbortRule rule) {
        double max = Double.NaN;
        for (io.barrage.engine.metrics.MeterValue m : t.meters()) {
            if (m.kind() != io.barrage.engine.metrics.Meters.Kind.GAUGE || !m.name().equals(rule.counter())) continue;
            if (!m.labels().entrySet().containsAll(rule.labels().entrySet()) || Double.isNaN(m.value())) continue;
            if (Double.isNaN(max) || m.value() > max) max = m.value();
        }
        return max;
    }

    /** The run's watches of a scenario's analyses, by analysis name. */
    Map<String, Analysis.Watch> watches(String scenario) {
        return watches.getOrDefault(scenario, Map.of());
    }

    void check(Tick t, long now, long loadStart) {
        for (ScenarioTick s : t.scenarios()) {
            Scenario sc = scenarios.get(s.scenario());
            if (sc == null) continue;
            for (Analysis a : sc.analyses()) {
                Analysis.Finding f = watches(s.scenario()).get(a.name()).observe(t.startNanos(), t.endNanos(), s.score(a.name()), s.tallies());
                if (f != null) events.emit(a.name(), s.scenario(), a.name(), f.message(), f.data());
            }
        }
        List<String> saturated = monitor.sample(t);
        if (!saturated.isEmpty() && now - lastSaturationWarning >= 10_000_000_000L) {
            lastSaturationWarning = now;
            events.emit(RunEvent.TYPE_WARNING, null, "generator", "generator saturated: " + String.join(", ", saturated)
                    + " — latencies now measure the generator too", Map.of("reasons", saturated));
        }
        checkAborts(t);
        Duration max = plan.guardrails().maxDuration();
        if (max != null && now - loadStart >= max.toNanos() && !stopRequested.getAsBoolean()) {
            events.emit(RunEvent.TYPE_GUARDRAIL, null, "guardrail", "maxDuration " + Durations.format(max) + " reached", Map.of("guardrail", "maxDuration"));
            stop.accept("guardrail maxDuration " + Durations.format(max) + " reached", "guardrail");
        }
        Path stopFile = plan.guardrails().stopFile();
        if (stopFile != null && Files.exists(stopFile) && !stopRequested.getAsBoolean()) {
            events.emit(RunEvent.TYPE_GUARDRAIL, null, "guardrail", "stop file " + stopFile + " appeared", Map.of("guardrail", "stopFile"));
            stop.accept("stop file " + stopFile + " appeared", "guardrail");
        }
    }
}
