package io.barrage.engine.run;

import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.summary.RunSummary;
import java.util.List;

/** How a run ended: an error beats an abort, which beats failed assertions. */
record Verdict(String status, int exitCode, String reason) {

    static Verdict of(String errorReason, String abortReason, List<AssertionResult> assertions) {
        if (errorReason != null) return new Verdict("error", RunSummary.EXIT_ERROR, errorReason);
        if (abortReason != null) return new Verdict("aborted", RunSummary.EXIT_ABORTED, abortReason);
        long failed = assertions.stream().filter(a -> !a.passed()).count();
        if (failed > 0) return new Verdict("failed", RunSummary.EXIT_FAILED, failed + " of " + assertions.size() + " assertions failed");
        return new Verdict("passed", RunSummary.EXIT_PASSED, null);
    }

    /** While the run goes. */
    static final Verdict RUNNING = new Verdict("running", -1, null);
}
