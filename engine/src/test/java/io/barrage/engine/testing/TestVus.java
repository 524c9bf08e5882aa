package io.barrage.engine.testing;

import io.barrage.engine.metrics.MetricsReporter;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuHost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Virtual users outside a run, on the real clock, for protocol tests: their calls land in {@link #metrics}. */
public final class TestVus implements VuHost {
    public final ScenarioMetrics metrics = new ScenarioMetrics("test", LoadModel.OPEN, List.of("main"));
    public final List<String> warnings = new CopyOnWriteArrayList<>();
    private final MetricsReporter reporter;
    private int next;

    public TestVus() {
        metrics.enterSlot(ScenarioMetrics.phaseSlot(0), System.nanoTime());
        reporter = new MetricsReporter(List.of(metrics), System.nanoTime());
    }

    /** A closed-model user (it keeps its connections between calls). */
    public Vu newVu() {
        return newVu(true);
    }

    /** A user; {@code persistent} false is an open-model arrival. */
    public Vu newVu(boolean persistent) {
        Vu vu = new Vu(next++, this, 1, persistent);
        vu.beginIteration(System.nanoTime());
        return vu;
    }

    /** Folds everything recorded so far into the totals, so tests can read them. */
    public TestVus flush() {
        reporter.tick(System.nanoTime(), System.currentTimeMillis());
        return this;
    }

    public long requests(String step) {
        flush();
        var s = metrics.step(step).seriesIfPresent(ScenarioMetrics.phaseSlot(0));
        return s == null ? 0 : s.requestsTotal();
    }

    public long errors(String step, String kind) {
        var s = metrics.step(step).seriesIfPresent(ScenarioMetrics.phaseSlot(0));
        return s == null ? 0 : s.errorsTotal().getOrDefault(kind, 0L);
    }

    @Override public Clock clock() { return Clock.system(); }
    @Override public ScenarioMetrics metrics() { return metrics; }
    @Override public Object shared() { return null; }
    @Override public boolean stopping() { return false; }
    @Override public void warn(String message) { warnings.add(message); }

    /** What user code asked of the run: {@code abort|planned: reason}, in order. */
    public final List<String> ended = new CopyOnWriteArrayList<>();
    /** The segment its users report (a split run's share). */
    public int segmentIndex, segmentCount = 1;

    @Override public void endLoad(String reason, boolean abort) { ended.add((abort ? "abort: " : "planned: ") + reason); }
    @Override public int segmentIndex() { return segmentIndex; }
    @Override public int segmentCount() { return segmentCount; }
}
