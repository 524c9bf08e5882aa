package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.sim.SimConfig
import io.barrage.sim.SimResource
import java.time.Duration

/**
 * {@code sim { latency 5.ms..20.ms; errors 1.percent }}: the built-in simulated service, started on
 * a free loopback port when the run starts; the scenario's target points at it.
 */
@CompileStatic
class SimSpec {
    private final DslContext ctx
    private Duration latencyMin = Duration.ZERO
    private Duration latencyMax = Duration.ZERO
    private double errorRate
    private int errorStatus = 500
    private int port
    private SimResource resource

    SimSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** A fixed latency added to every response but /fast. */
    void latency(Duration d) {
        latencyMin = d
        latencyMax = d
    }

    /** A latency spread evenly over a range: {@code latency 5.ms..20.ms}. */
    void latency(Range<Duration> range) {
        latencyMin = range.from
        latencyMax = range.to
    }

    /** A fraction of responses that fail: {@code errors 1.percent} (status 500). */
    void errors(Percent rate) {
        errorRate = rate.fraction
    }

    /** Failing responses with a status: {@code errors 5.percent, status: 503}. */
    void errors(Map<String, Object> options, Percent rate) {
        errorRate = rate.fraction
        Object s = options.get('status')
        if (s instanceof Number) errorStatus = ((Number) s).intValue()
        else if (s != null) ctx.problem("status must be a number such as 503, got '${s}'", 'status')
        for (String k : options.keySet()) if (k != 'status') ctx.problem("'${k}' is not a setting of errors (valid: status)", k)
    }

    /** A fixed port instead of a free one. */
    void port(int p) {
        port = p
    }

    /** The service this block describes, created once; null (and a problem) if its settings are wrong. */
    @PackageScope SimResource resource() {
        if (resource == null) {
            try {
                resource = new SimResource(new SimConfig(port, latencyMin, latencyMax, errorRate, errorStatus))
            } catch (IllegalArgumentException e) {
                ctx.problem(this, null, "sim: ${e.message}")
            }
        }
        resource
    }
}
