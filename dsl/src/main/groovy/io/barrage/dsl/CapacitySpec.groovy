package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.engine.capacity.CapacitySettings
import java.time.Duration

/**
 * {@code capacity { from 50; max 5000; hold 10.s; until { p99 < 300.ms; errorRate < 1.percent } }}:
 * how {@code barrage capacity} searches this scenario's highest load. Without {@code until}, the
 * scenario's own assertions are the criteria. {@code barrage run} ignores this block.
 */
@CompileStatic
class CapacitySpec {
    private final DslContext ctx
    private CapacitySettings settings = CapacitySettings.defaults()
    private boolean fromSet

    CapacitySpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** The first load tried (arrivals/s, or users in the closed model; default 10). */
    void from(double load) {
        settings = settings.withRange(load, settings.max())
        fromSet = true
    }

    /** The search never goes above this (default 10 000). */
    void max(double load) {
        settings = settings.withRange(settings.from(), load)
    }

    /** While every step holds, the next is this many times higher (default 2). */
    void growth(double factor) {
        settings = settings.withGrowth(factor)
    }

    /** How long each step holds its load (default 10 s); the first {@code settle} of it is not judged. */
    void hold(Duration d) {
        settings = settings.withHold(d, settings.settle().compareTo(d) < 0 || d.isNegative() ? settings.settle() : d.dividedBy(5))
    }

    /** The start of each step that is not judged, while queues fill or drain (default 2 s). */
    void settle(Duration d) {
        settings = settings.withHold(settings.hold(), d)
    }

    /** Stop narrowing down when the highest load that held is within this of the lowest that failed (default 5%). */
    void precision(Percent p) {
        settings = settings.withPrecision(p.fraction)
    }

    /** The search's time limit (default 10 min). */
    void within(Duration d) {
        settings = settings.withMaxDuration(d)
    }

    /** What must hold at each step, as assertions are written. */
    void until(@DelegatesTo(value = AssertionsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        AssertionsSpec spec = new AssertionsSpec(ctx)
        Dsl.call(body, spec)
        settings = settings.withCriteria(spec.assertions)
    }

    @PackageScope CapacitySettings settings() {
        settings
    }

    @PackageScope boolean fromSet() {
        fromSet
    }
}
