package io.barrage.engine.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Builds one kind of output from its command-line settings; registered by name in {@link Outputs}. */
public interface OutputFactory {

    /** The settings it takes, for checking and for help. */
    List<String> options();

    /** One line for {@code --output} help. */
    String description();

    /**
     * Checks what can be checked before anything runs (a directory is writable, a file can be
     * created), so that a bad setting stops the launch, not the run. Nothing is created for the run.
     *
     * @throws IllegalArgumentException with a one-line reason naming the setting
     */
    default void check(OutputSpec spec) {}

    /**
     * Builds the output for one run. Bad settings throw {@link IllegalArgumentException} with a
     * one-line reason, before anything runs.
     *
     * @param spec    the settings, already checked against {@link #options()}
     * @param context where the run writes and what it is
     */
    Output create(OutputSpec spec, Context context) throws IOException;

    /**
     * What an output may need to know before the run starts.
     *
     * @param resultsDir the run's own results directory ({@code …/<name>-<time>/}, where summary.json
     *                   goes; a report or a JUnit file may go beside it), or null when it writes none
     * @param planName   the plan's name
     */
    record Context(Path resultsDir, String planName) {}
}
