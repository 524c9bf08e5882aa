package io.barrage.engine.run;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.format.Durations;
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
