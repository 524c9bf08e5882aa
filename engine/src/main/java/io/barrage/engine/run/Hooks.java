package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import io.barrage.engine.model.Startable;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.Hook;
import io.barrage.engine.user.Vu;
import java.util.List;
import java.util.Map;

/** What a run does around its load: starting the plan's resources, setup before, teardown after. */
final class Hooks {
    private Hooks() {}

    /** Starts the plan's {@link Startable} resources; returns why one could not start, or null. */
    static String startResources(TestPlan plan, Events events) {
        for (AutoCloseable r : plan.resources()) {
            if (r instanceof Startable s) {
                try {
                    s.start();
                    events.emit(RunEvent.TYPE_RUN, null, "plan", "started " + r, Map.of());
                } catch (Exception e) {
                    return "could not start " + r + ": " + ScenarioRunner.describe(e);
                }
            }
        }
        return null;
    }

    /**
     * Runs every scenario's setup (whose result becomes its shared value) or teardown, recording
     * their calls under the setup/teardown phases. A failed setup ends the run: its message is
     * returned. A failed teardown is a warning.
     */
    static String run(List<ScenarioRunner> runners, boolean setup, Clock clock, Events events, List<String> warnings) {
        for (ScenarioRunner r : runners) {
            Hook hook = setup ? r.code.setup() : r.code.teardown();
            if (hook == null) continue;
            String what = setup ? "setup" : "teardown";
            long now = clock.nanoTime();
            r.metrics.enterSlot(setup ? 0 : r.metrics.teardownSlot(), now);
            Vu vu = new Vu(-1, r, r.scenario.seed());
            vu.beginIteration(now);
            try {
                Object result = hook.run(vu);
                if (setup) r.shared(result);
                events.emit(RunEvent.TYPE_HOOK, r.scenario.name(), "plan", what + " done", Map.of("hook", what));
            } catch (Throwable thrown) {
                Throwable t = Failures.unwrap(thrown);
                String where = Failures.where(t, r.script);
                String msg = (where == null ? "" : where + ": ") + what + " of scenario '" + r.scenario.name() + "' failed: "
                        + Failures.describe(t);
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("hook", what);
                data.put("kind", Failures.kind(t));
                if (where != null) data.put("where", where);
                events.emit(RunEvent.TYPE_WARNING, r.scenario.name(), "plan", msg, data);
                if (setup) return msg;
                warnings.add(msg);
            } finally {
                r.metrics.endSlot(clock.nanoTime());
            }
        }
        return null;
    }
}
