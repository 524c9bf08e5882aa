package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.engine.model.Guardrails
import java.nio.file.Path
import java.time.Duration

/** {@code guardrails { maxDuration 10.min; maxRate 2000; maxUsers 5000; stopFile 'STOP' }} */
@CompileStatic
class GuardrailsSpec {
    private final DslContext ctx
    @PackageScope Duration maxDuration
    @PackageScope double maxRate
    @PackageScope int maxUsers
    @PackageScope String stopFile
    @PackageScope Integer maxConcurrency

    GuardrailsSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** The run stops (exit 3) once the load has run this long. */
    void maxDuration(Duration d) { maxDuration = d }

    /** No scenario's arrival rate goes above this (arrivals/s); plans above it are refused. */
    void maxRate(Number perSecond) { maxRate = perSecond.doubleValue() }

    /** No scenario runs more users than this. */
    void maxUsers(int users) { maxUsers = users }

    /** The run stops (exit 3) when this file appears. */
    void stopFile(String path) { stopFile = path }

    /** Arrivals beyond this many in flight are dropped and counted (default for every scenario). */
    void maxConcurrency(int n) { maxConcurrency = n }

    @PackageScope Guardrails build() {
        Guardrails g = new Guardrails(maxDuration, maxRate, maxUsers, stopFile == null ? null : Path.of(stopFile))
        def where = ctx.positions.get(this)
        if (where != null) ctx.positions.put(g, where)
        g
    }
}
