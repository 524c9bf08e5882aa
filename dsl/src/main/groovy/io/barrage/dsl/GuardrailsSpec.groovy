package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.dsl.internal.Pos
import io.barrage.dsl.internal.SourcePositions
import io.barrage.engine.model.Guardrails
import java.nio.file.Path
import java.time.Duration

/**
 * {@code guardrails { maxDuration 10.min; maxRate 2000; maxUsers 5000; stopFile 'STOP' }}: at the top
 * level, the run's; inside {@code scenario { }}, that scenario's own caps (maxRate, maxUsers,
 * maxConcurrency) on top of the run's.
 */
@CompileStatic
class GuardrailsSpec {
    private final DslContext ctx
    /** The scenario these guardrails belong to, or null for the whole run's. */
    private final String scenario
    @PackageScope Duration maxDuration
    @PackageScope double maxRate
    @PackageScope int maxUsers
    @PackageScope String stopFile
    @PackageScope Integer maxConcurrency
    /** Where each setting was given, so that a problem with one names its line. */
    private final Map<String, int[]> places = [:]

    GuardrailsSpec(DslContext ctx) {
        this(ctx, null)
    }

    GuardrailsSpec(DslContext ctx, String scenario) {
        this.ctx = ctx
        this.scenario = scenario
    }

    /** The run stops (exit 3) once the load has run this long. */
    void maxDuration(Duration d) {
        if (wholeRun('maxDuration')) maxDuration = placed('maxDuration', d)
    }

    /** No scenario's arrival rate (or, inside a scenario, this one's) goes above this (arrivals/s); plans above it are refused. */
    void maxRate(Number perSecond) { maxRate = placed('maxRate', perSecond).doubleValue() }

    /** No scenario (or, inside a scenario, this one) runs more users than this. */
    void maxUsers(int users) { maxUsers = placed('maxUsers', users) }

    /** The run stops (exit 3) when this file appears. */
    void stopFile(String path) {
        if (wholeRun('stopFile')) stopFile = placed('stopFile', path)
    }

    private <T> T placed(String field, T value) {
        Pos p = SourcePositions.current()
        if (p != null) places.put(field, [p.line, p.column] as int[])
        value
    }

    /** True at the top level; inside a scenario, a problem at the line: the guardrail stops the whole run. */
    private boolean wholeRun(String word) {
        if (scenario == null) return true
        ctx.problem("${word} is a guardrail of the whole run: put it in guardrails { } at the top level of the script")
        false
    }

    /** Arrivals beyond this many in flight are dropped and counted (the default of every scenario, or this scenario's cap). */
    void maxConcurrency(int n) { maxConcurrency = placed('maxConcurrency', n) }

    @PackageScope Guardrails build() {
        Guardrails g = new Guardrails(maxDuration, maxRate, maxUsers, stopFile == null ? null : Path.of(stopFile))
        Pos where = ctx.positions.get(this)
        if (where != null) ctx.positions.put(g, new Pos(where.line, where.column, places))
        g
    }
}
