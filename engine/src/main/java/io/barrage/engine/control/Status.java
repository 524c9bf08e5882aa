package io.barrage.engine.control;

import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.summary.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /status} answers: the run's status now, and its assertions as judged at the last interval. */
public final class Status {
    private Status() {}

    public static Map<String, Object> of(Run run) {
        RunStatus s = run.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", run.plan().name());
        out.put("state", s.state());
        out.put("elapsedSeconds", s.elapsedSeconds());
        out.put("paused", s.paused());
        out.put("scenarios", s.scenarios());
        RunSummary so = run.summarySoFar();
        out.put("assertions", so == null ? List.of() : so.assertions());
        out.put("warnings", so == null ? List.of() : so.warnings());
        if (run.finished() && so != null) {
            out.put("status", so.status());
            out.put("exitCode", so.exitCode());
        }
        return out;
    }
}
