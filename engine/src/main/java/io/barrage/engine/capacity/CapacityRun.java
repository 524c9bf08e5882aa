package io.barrage.engine.capacity;

import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.format.Durations;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.pattern.Constant;
import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A capacity search as one run: the scenario's phases are replaced by one phase, {@code search}, whose
 * load the search sets step by step through the run's live control — so the results directory, the
 * events and the timeline show every step. After a step that failed, the load drops to zero until
 * the calls in flight drain (at most {@link #DRAIN_LIMIT}), so its backlog does not spill into the next.
 */
public final class CapacityRun implements Output {
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    static final String ORIGIN = "capacity";

    private final Run run;
    private final Scenario scenario;
    private final CapacitySettings settings;
    private final Clock clock;
    private final List<Assertion> criteria;
    private final Consumer<String> progress;
    private Window window;
    private long windowStart = Long.MAX_VALUE;
    private volatile int inFlight;
    private volatile long ticks;

    private CapacityRun(Run run, Scenario scenario, CapacitySettings settings, Consumer<String> progress) {
        this.run = run;
        this.scenario = scenario;
        this.settings = settings;
        this.clock = run.options().clock();
        this.criteria = settings.criteria().isEmpty() ? scenario.assertions() : settings.criteria();
        this.progress = progress;
    }

    /** The criteria a search of {@code scenario} judges each step by, and the problems with them. */
    public static List<Problem> problems(Scenario scenario, CapacitySettings settings) {
        return problems(scenario, settings, io.barrage.engine.model.Guardrails.NONE);
    }

    /**
     * As {@link #problems(Scenario, CapacitySettings)}, and a {@code max} the scenario's guardrails
     * ({@code caps}: the run's and its own, the tighter of each) would refuse mid-search.
     */
    public static List<Problem> problems(Scenario scenario, CapacitySettings settings, io.barrage.engine.model.Guardrails caps) {
        List<Problem> out = new ArrayList<>(settings.validate("scenario '" + scenario.name() + "'"));
        boolean open = scenario.model() == io.barrage.engine.pattern.LoadModel.OPEN;
        double cap = open ? caps.maxRate() : caps.maxUsers();
        if (cap > 0 && settings.max() > cap) {
            String word = open ? "maxRate" : "maxUsers";
            String unit = open ? "/s" : " users";
            out.add(Problem.of("scenario '" + scenario.name() + "' › capacity", settings, "max", "capacity search's max "
                    + io.barrage.engine.format.Numbers.format(settings.max()) + unit + " is above the guardrail " + word + " "
                    + io.barrage.engine.format.Numbers.format(cap) + unit + ": lower max (--max " + io.barrage.engine.format.Numbers.format(cap)
                    + ") or raise the guardrail"));
        }
        List<Assertion> criteria = settings.criteria().isEmpty() ? scenario.assertions() : settings.criteria();
        String w = "scenario '" + scenario.name() + "' › capacity";
        if (criteria.isEmpty()) {
            out.add(Problem.of(w, settings, "until", "capacity search needs criteria: add assertions { p99 < 300.ms; errorRate < 1.percent } "
                    + "or capacity { until { ... } }"));
        }
        for (Assertion a : criteria) {
            if (a.phase() != null) out.add(Problem.of(w, a, "phase", "'" + a.text() + "': a capacity search replaces the phases, so criteria cannot name one"));
            if (a.step() != null && !a.stat().isTiming()) {
                out.add(Problem.of(w, a, "step", "'" + a.text() + "': per-step criteria of a capacity search can be percentiles, max or mean only"));
            }
        }
        return out;
    }

    /** The plan of the search: only {@code scenarioName}, with one phase holding the starting load for the time limit. */
    public static TestPlan plan(TestPlan original, String scenarioName, CapacitySettings settings) {
        Scenario s = original.scenarios().stream().filter(x -> x.name().equals(scenarioName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario '" + scenarioName + "' (scenarios: "
                        + String.join(", ", original.scenarios().stream().map(Scenario::name).toList()) + ")"));
        Duration length = settings.maxDuration().plus(DRAIN_LIMIT);
        Phase search = new Phase("search", s.model(), new Constant(s.model() == LoadModel.OPEN ? settings.from() : Math.round(settings.from()), length));
        Scenario only = new Scenario(s.name(), List.of(search), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                List.of(), s.info(), s.analyses(), s.guardrails());
        return original.withScenarios(original.name() + "-capacity", List.of(only));
    }

    /**
     * Runs the search on a run started from {@link #plan} (waits for its load to start), then stops the run.
     *
     * @param progress told one line per step
     */
    public static CapacityResult search(Run run, CapacitySettings settings, Consumer<String> progress) throws InterruptedException {
        Scenario s = run.plan().scenarios().get(0);
        CapacityRun c = new CapacityRun(run, s, settings, progress);
        run.addListener(c);
        try {
            c.awaitLoad();
            long deadline = c.clock.nanoTime() + settings.maxDuration().toNanos();
            String unit = s.model() == LoadModel.OPEN ? "/s" : " users";
            CapacityResult r = new CapacitySearch(settings, s.model() == LoadModel.CLOSED).run(new CapacitySearch.Prober() {
                @Override
                public StepResult probe(double load) throws InterruptedException {
                    return c.step(load, unit);
                }

                @Override
                public boolean timeLeft() {
                    return !run.finished() && !run.stopRequested() && c.clock.nanoTime() + settings.hold().toNanos() <= deadline;
                }
            }, unit);
            run.emit(RunEvent.TYPE_CONTROL, s.name(), ORIGIN, "capacity search done: " + describe(r), Map.of());
            return r;
        } finally {
            run.removeListener(c);
            run.complete("capacity search done", ORIGIN);
        }
    }

    private void awaitLoad() throws InterruptedException {
        waitFor(Long.MAX_VALUE, () -> run.finished() || "running".equals(run.state()));
        if (!"running".equals(run.state())) throw new IllegalStateException("the run ended before the search could start (state: " + run.state() + ")");
    }

    StepResult step(double load, String unit) throws InterruptedException {
        setLoad(load);
        long start = clock.nanoTime();
        clock.sleepUntil(start + settings.settle().toNanos(), run::finished);
        Window w = new Window(scenario.name());
        synchronized (this) {
            window = w;
            windowStart = clock.nanoTime();
        }
        clock.sleepUntil(start + settings.hold().toNanos(), run::finished);
        // wait for the tick that closes the window
        long seen = ticks;
        waitFor(clock.nanoTime() + run.options().tickInterval().toNanos() * 2, () -> ticks > seen || run.finished());
        synchronized (this) {
            window = null;
            windowStart = Long.MAX_VALUE;
        }
        List<String> failures = w.failures(criteria, scenario.model(), scenario.analyses());
        StepResult r = new StepResult(load, failures.isEmpty(), failures, w.p(50), w.p(99), w.seconds > 0 ? w.requests / w.seconds : 0,
                w.requests == 0 ? 0 : (double) w.errors / w.requests);
        progress.accept(String.format(java.util.Locale.ROOT, "%-14s %s  p50 %s  p99 %s  errors %.2f%%%s",
                CapacitySearch.fmt(load) + unit, r.held() ? "held  " : "FAILED", ms(r.p50Ms()), ms(r.p99Ms()), r.errorRate() * 100,
                r.held() ? "" : "  (" + String.join("; ", failures) + ")"));
        run.emit(RunEvent.TYPE_CONTROL, scenario.name(), ORIGIN, "capacity step " + CapacitySearch.fmt(load) + unit + (r.held() ? " held" : " failed: " + String.join("; ", failures)),
                Map.of("load", load, "held", r.held()));
        if (!r.held()) drain();
        return r;
    }

    private void setLoad(double load) {
        if (scenario.model() == LoadModel.OPEN) run.setRate(scenario.name(), load, ORIGIN);
        else run.setUsers(scenario.name(), (int) Math.round(load), ORIGIN);
    }

    /** Load to zero until nothing is in flight, so a failed step's backlog does not count against the next. */
    private void drain() throws InterruptedException {
        setLoad(0);
        long limit = clock.nanoTime() + DRAIN_LIMIT.toNanos();
        long seen = ticks;
        // at least one tick at zero load, then until the calls in flight are done
        waitFor(limit, () -> run.finished() || (ticks > seen + 1 && inFlight == 0));
    }

    /** Until {@code done} turns true or {@code deadline}, looking every 20 ms (nothing wakes this thread). */
    private void waitFor(long deadline, java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean() && clock.nanoTime() < deadline) {
            clock.sleepUntil(Math.min(deadline, clock.nanoTime() + 20_000_000L), () -> false);
        }
    }

    @Override
    public void onInterval(Tick t) {
        for (ScenarioTick s : t.scenarios()) if (s.scenario().equals(scenario.name())) inFlight = s.inFlight();
        synchronized (this) {
            if (window != null && t.startNanos() >= windowStart - 50_000_000L) window.add(t);
        }
        ticks++;
    }

    /** "capacity 480/s (held); 520/s failed: p99 < 100ms: 340ms; knee ≈ 400/s". */
    public static String describe(CapacityResult r) {
        StringBuilder b = new StringBuilder();
        if (r.highestHeld() == null) b.append("no load held");
        else b.append("highest load that held ").append(CapacitySearch.fmt(r.highestHeld())).append(r.unit());
        if (r.lowestFailed() != null) b.append("; ").append(CapacitySearch.fmt(r.lowestFailed())).append(r.unit()).append(" failed: ")
                .append(String.join("; ", r.firstFailure()));
        if (r.knee() != null) b.append("; latency knee ≈ ").append(CapacitySearch.fmt(r.knee())).append(r.unit());
        b.append(" (").append(r.stopped()).append(")");
        return b.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : Durations.format(Duration.ofNanos(Math.round(v * 1e6)));
    }
}
