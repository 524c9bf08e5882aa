package io.barrage.engine.summary;

import java.util.List;

/**
 * The load generator's own health during the load. If it was saturated, latencies measure the
 * generator as much as the target.
 *
 * @param cores             available processors
 * @param cpuSeconds        process CPU time of the run: setup, load and teardown
 * @param cpuMean           mean CPU use in cores over the load's intervals
 * @param cpuMax            highest one-interval CPU use in cores
 * @param gcPauseSeconds    GC pause time during the load
 * @param lag               schedule lag of all iterations of all scenarios
 * @param saturatedIntervals intervals in which the generator was saturated
 * @param lastSaturated      the last such interval (1-based), 0 if none
 * @param intervals          intervals of the load
 * @param reasons            why, in words (empty when never)
 * @param scheduler          what carried the virtual users: "2 event loops", or the JDK's scheduler and why
 */
public record GeneratorSummary(int cores, double cpuSeconds, double cpuMean, double cpuMax, double gcPauseSeconds,
                               Percentiles lag, int saturatedIntervals, int lastSaturated, int intervals, List<String> reasons,
                               String scheduler) {

    /** Saturated intervals only in the first two seconds: the JVM compiling the hot path, not lasting overload. */
    public static final int WARM_UP_INTERVALS = 2;

    public boolean saturated() {
        return saturatedIntervals > 0;
    }

    /** True when every saturated interval was in the warm-up. */
    public boolean onlyWarmUp() {
        return saturated() && lastSaturated <= WARM_UP_INTERVALS && intervals > WARM_UP_INTERVALS;
    }

    /** The warning to print, or null if the generator was never saturated. */
    public String warning() {
        if (!saturated()) return null;
        String why = String.join(", ", reasons);
        if (onlyWarmUp()) {
            return "the generator was busy warming up in the first " + lastSaturated + "s (" + why
                    + "): latencies of that time include the JVM compiling barrage's hot path";
        }
        return "the generator was saturated in " + saturatedIntervals + " of " + intervals + " intervals (" + why
                + "): latencies then measure the generator as well as the target";
    }
}
