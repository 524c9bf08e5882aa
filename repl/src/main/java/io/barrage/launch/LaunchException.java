package io.barrage.launch;

import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.summary.RunSummary;
import java.util.List;

/**
 * Bad input to a launch, found before anything runs: a script that does not compile or describes
 * an invalid plan (its {@link #problems()}, each with its place), or a bad option (one line, such as
 * {@code no such script: x.groovy} or {@code --out results: it is a file, not a directory}). Its
 * exit code is 2, as {@code barrage run} returns for it.
 */
public final class LaunchException extends RuntimeException {
    private final List<ScriptProblem> problems;

    /** A bad option or input, as one line. */
    public LaunchException(String message) {
        super(message, null, false, false);
        this.problems = List.of();
    }

    /** A script that cannot run: its message is its problems, one a line. */
    public LaunchException(ScriptException cause) {
        super(cause.getMessage(), cause, false, false);
        this.problems = cause.getProblems();
    }

    /** The script's problems, each {@code file:line:column: message}; empty for a bad option. */
    public List<ScriptProblem> problems() {
        return problems;
    }

    /** {@value RunSummary#EXIT_USAGE}, as for every bad input. */
    public int exitCode() {
        return RunSummary.EXIT_USAGE;
    }
}
