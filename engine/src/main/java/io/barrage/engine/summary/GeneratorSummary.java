package io.barrage.engine.summary;

import java.util.List;

/**
 * The load generator's own health during the load. If it was saturated, latencies measure the
 * generator as much as the target.
 *
 * @param cores             available processors
 * @param cpuSeconds        process CPU time during the load
 * @param cpuMean           mean CPU use in cores
 * @param cpuMax            highest one-interval CPU use in cores
 * @param gcPauseSeconds    GC pause time during the load
 * @param lag               schedule lag of all iterations of all scenarios
 * @param saturatedSeconds  intervals in which the generator was saturated
 * @param reasons           why, in words (empty when never)
 */
public record GeneratorSummary(int cores, double cpuSeconds, double cpuMean, double cpuMax, double gcPauseSeconds,
                               Percentiles lag, int saturatedSeconds, List<String> reasons) {

    public boolean saturated() {
        return saturatedSeconds > 0;
    }
}
