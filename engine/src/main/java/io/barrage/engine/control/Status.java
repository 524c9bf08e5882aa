package io.barrage.engine.control;

import io.barrage.engine.output.RunStatus;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /status} answers: the run's status now, and its assertions as judged at the last interval. */
public final class Status {
    private Status() {}

    public static Map<String, Object> of(RunView run) {
        RunStatus s = run.status();
        return of(run.planName(), s, run.summarySoFar());
    }

    /**
     * The answer from its parts: the verdict ({@code status}, {@code exitCode}) once the run has
     * {@linkplain #finished finished}.
     */
    public static Map<String, Object> of(String name, RunStatus s, RunSummary so) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("state", s.state());
        out.put("elapsedSeconds", s.elapsedSeconds());
        out.put("paused", s.paused());
        out.put("scenarios", s.scenarios());
        out.put("assertions", so == null ? List.of() : so.assertions());
        out.put("warnings", so == null ? List.of() : so.warnings());
        if (finished(s) && so != null) {
            out.put("status", so.status());
            out.put("exitCode", so.exitCode());
        }
        return out;
    }

    /** True once the run has ended: its last state. */
    public static boolean finished(RunStatus s) {
        return "finished".equals(s.state());
    }
}
