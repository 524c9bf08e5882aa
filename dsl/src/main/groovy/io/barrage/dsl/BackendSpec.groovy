package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.sim.BackendConfig
import io.barrage.sim.LatencyModel
import java.time.Duration

/**
 * What a simulated backend does: {@code latency}, {@code tail}, {@code errors}, {@code capacity},
 * {@code weight}, {@code cpu}, {@code memory}. In {@code sim { }} the words set every backend; in
 * {@code backend('b2') { }} one backend, over the others' settings.
 */
@CompileStatic
class BackendSpec {
    protected final DslContext ctx
    private LatencyModel latency
    private Double tailChance
    private Duration tailExtra
    private Double errorRate
    private Integer errorStatus
    private Integer capacity
    private Double weight
    private Double cpu
    private Integer memory

    BackendSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** A fixed latency: {@code latency 20.ms}. */
    void latency(Duration d) {
        latency = checked { LatencyModel.constant(d) }
    }

    /** A latency spread evenly over a range: {@code latency 5.ms..20.ms}. */
    void latency(Range<Duration> range) {
        latency = checked { LatencyModel.uniform(range.from, range.to) }
    }

    /** A latency distribution: {@code latency normal(20.ms, 5.ms)} or {@code latency lognormal(20.ms, 0.5)}. */
    void latency(LatencyModel model) {
        latency = model
    }

    /** Normally distributed latency: mean and standard deviation (never below 0). */
    LatencyModel normal(Duration mean, Duration stddev) {
        checked { LatencyModel.normal(mean, stddev) }
    }

    /** Log-normal latency: the median and σ (0.3 is a tight service, 1 a wild one). */
    LatencyModel lognormal(Duration median, double sigma) {
        checked { LatencyModel.logNormal(median, sigma) }
    }

    /** A slow tail: {@code tail 1.percent, 300.ms} — that share of requests takes that much more. */
    void tail(Percent share, Duration extra) {
        tailChance = share.fraction
        tailExtra = extra
    }

    /** A share of requests that fail: {@code errors 1.percent} (status 500). */
    void errors(Percent rate) {
        errorRate = rate.fraction
    }

    /** Failing requests with a status: {@code errors 5.percent, status: 503}. */
    void errors(Map<String, Object> options, Percent rate) {
        errorRate = rate.fraction
        Object s = options.get('status')
        if (s instanceof Number) errorStatus = ((Number) s).intValue()
        else if (s != null) ctx.problem("status must be a number such as 503, got '${s}'", 'status')
        for (String k : options.keySet()) if (k != 'status') ctx.problem("'${k}' is not a setting of errors (valid: status)", k)
    }

    /** Requests served at once; more wait in a queue, so latency grows with load: {@code capacity 50}. */
    void capacity(int n) {
        if (n < 0) ctx.problem("capacity must be ≥ 0 (0: no limit), got ${n}")
        else capacity = n
    }

    /** Share under the weighted balancer: {@code weight 3}. */
    void weight(double w) {
        if (!(w > 0)) ctx.problem("weight must be > 0, got ${w}")
        else weight = w
    }

    /** CPU cores the backend reports when its capacity is all busy (a figure for dashboards). */
    void cpu(double cores) {
        cpu = cores
    }

    /** Memory in MB the backend reports at rest (each request in flight adds 1 MB). */
    void memory(int mb) {
        memory = mb
    }

    private <T> T checked(Closure<T> make) {
        try {
            return make.call()
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
            return null
        }
    }

    /** {@code base} with the words of this block over it. */
    @PackageScope BackendConfig applyTo(BackendConfig base) {
        BackendConfig b = base
        LatencyModel l = latency != null ? latency : b.latency()
        if (tailChance != null) l = l.withTail(tailChance, tailExtra)
        else if (latency != null && b.latency().tailChance() > 0) l = l.withTail(b.latency().tailChance(), Duration.ofNanos(b.latency().tailNanos()))
        b = b.withLatency(l)
        if (errorRate != null) b = b.withErrors(errorRate, errorStatus != null ? errorStatus : 500)
        if (capacity != null) b = b.withCapacity(capacity)
        if (weight != null) b = b.withWeight(weight)
        if (cpu != null || memory != null) b = b.withResources(cpu != null ? cpu : b.cpuCores(), memory != null ? memory : b.memoryMb())
        b
    }
}
