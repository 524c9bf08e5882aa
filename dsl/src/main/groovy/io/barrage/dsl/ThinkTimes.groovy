package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.engine.model.ThinkTime
import java.time.Duration

/** Think-time distributions, usable wherever {@code think} is: {@code think uniform(1.s, 3.s)}. */
@CompileStatic
trait ThinkTimes {
    /** Always the same pause. */
    ThinkTime constant(Duration d) { ThinkTime.constant(d) }

    /** Evenly spread between min and max. */
    ThinkTime uniform(Duration min, Duration max) { ThinkTime.uniform(min, max) }

    /** Gaussian around a mean, never below zero. */
    ThinkTime normal(Duration mean, Duration stddev) { ThinkTime.normal(mean, stddev) }

    /** Exponential with the given mean (the pauses of a Poisson process). */
    ThinkTime exponential(Duration mean) { ThinkTime.exponential(mean) }
}
