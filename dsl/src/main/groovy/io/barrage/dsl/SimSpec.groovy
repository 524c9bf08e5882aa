package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import groovy.transform.PackageScope
import io.barrage.sim.BackendConfig
import io.barrage.sim.Balancing
import io.barrage.sim.Fault
import io.barrage.sim.HealthCheck
import io.barrage.sim.Route
import io.barrage.sim.LatencyModel
import io.barrage.sim.SimConfig
import io.barrage.sim.SimResource
import io.barrage.sim.TimedFault
import java.time.Duration

/**
 * {@code sim { backends 4; balancer 'least-connections'; latency 5.ms..20.ms }}: the built-in
 * simulated service — backends behind a balancer — started on a free loopback port when the run
 * starts; the scenario's target points at it. Words of a backend ({@code latency}, {@code errors},
 * {@code capacity}...) set every backend; {@code backend('b2') { }} sets one. Faults:
 * {@code fault down('b3')} from the start, {@code at 10.s, down('b3'), lasting: 20.s} on the
 * timeline, {@code during 'peak', slow('b2', 300.ms)} with a phase.
 */
@CompileStatic
class SimSpec extends BackendSpec {
    private int port
    private int backendCount = 1
    private Balancing balancing = Balancing.ROUND_ROBIN
    private String hashHeader
    private HealthCheck health = HealthCheck.DEFAULT
    private Duration upstreamTimeout
    private final Map<String, BackendSpec> perBackend = new LinkedHashMap<>()
    private final List<Route> routes = []
    private final List<Fault> faults = []
    private final List<TimedFault> timeline = []
    private SimResource resource

    SimSpec(DslContext ctx) {
        super(ctx)
    }

    /** How many backends, named b1..bN (default 1). */
    void backends(int n) {
        if (n < 1 || n > SimConfig.MAX_BACKENDS) ctx.problem("backends must be 1..${SimConfig.MAX_BACKENDS}, got ${n}")
        else backendCount = n
    }

    /** The balancer's algorithm: round-robin (default), random, least-connections, weighted, hash. */
    void balancer(String algorithm) {
        try {
            balancing = Balancing.of(algorithm)
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
        }
    }

    /** {@code balancer 'hash', on: 'X-User'}: consistent hashing of a header (default: the path). */
    void balancer(@NamedParams([@NamedParam(value = 'on', type = String)]) Map<String, Object> options, String algorithm) {
        balancer(algorithm)
        for (String k : options.keySet()) if (k != 'on') ctx.problem("'${k}' is not a setting of balancer (valid: on)", k)
        if (options.on != null) {
            if (balancing != Balancing.HASH) ctx.problem("'on:' is for balancer 'hash' only", 'on')
            hashHeader = options.on.toString()
        }
    }

    /** One backend's own settings: {@code backend('b2') { latency 200.ms; capacity 10 }}. */
    void backend(String name, @DelegatesTo(value = BackendSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        BackendSpec spec = perBackend.computeIfAbsent(name) { String n -> ctx.mark(new BackendSpec(ctx)) }
        Dsl.call(body, spec)
    }

    /** {@code healthCheck false} turns the balancer's health check off: it keeps sending to a dead backend. */
    void healthCheck(boolean on) {
        health = on ? HealthCheck.DEFAULT : HealthCheck.OFF
    }

    /** {@code healthCheck every: 1.s, timeout: 200.ms, failures: 2, successes: 1}. */
    void healthCheck(@NamedParams([@NamedParam(value = 'every', type = Duration), @NamedParam(value = 'timeout', type = Duration),
                                   @NamedParam(value = 'failures', type = Integer), @NamedParam(value = 'successes', type = Integer)]) Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!(k in ['every', 'timeout', 'failures', 'successes'])) ctx.problem("'${k}' is not a setting of healthCheck (valid: every, timeout, failures, successes)", k)
        }
        try {
            Duration every = (Duration) (options.every ?: HealthCheck.DEFAULT.interval())
            HealthCheck base = HealthCheck.every(every)
            health = new HealthCheck(true, every, (Duration) (options.timeout ?: base.timeout()),
                    options.failures != null ? ((Number) options.failures).intValue() : base.unhealthyAfter(),
                    options.successes != null ? ((Number) options.successes).intValue() : base.healthyAfter())
        } catch (IllegalArgumentException | ClassCastException e) {
            ctx.problem("healthCheck: ${e.message}")
        }
    }

    /** How long the balancer waits for a backend that does not answer before a 504 (default 5 s). */
    void upstreamTimeout(Duration d) {
        upstreamTimeout = d
    }

    /**
     * An endpoint of your own: {@code route '/checkout', method: 'POST', status: 201, latency: 30.ms,
     * body: '{"ok":true}'} (or {@code size: 2048} bytes), {@code errors: 1.percent}. Tried before the built-in ones.
     */
    void route(@NamedParams([@NamedParam(value = 'method', type = String), @NamedParam(value = 'status', type = Integer),
                             @NamedParam(value = 'latency', type = Duration), @NamedParam(value = 'body', type = String),
                             @NamedParam(value = 'size', type = Integer), @NamedParam(value = 'errors', type = Percent)]) Map<String, Object> options, String path) {
        for (String k : options.keySet()) {
            if (!(k in ['method', 'status', 'latency', 'body', 'size', 'errors'])) ctx.problem("'${k}' is not a setting of route (valid: method, status, latency, body, size, errors)", k)
        }
        try {
            routes << new Route((String) options.method, path, options.status != null ? ((Number) options.status).intValue() : 200,
                    (String) options.body, options.size != null ? ((Number) options.size).intValue() : 0,
                    options.latency != null ? LatencyModel.constant((Duration) options.latency) : LatencyModel.ZERO,
                    options.errors != null ? ((Percent) options.errors).fraction : 0)
        } catch (IllegalArgumentException | ClassCastException e) {
            ctx.problem("route: ${e.message}")
        }
    }

    /** An endpoint of your own with the defaults (200, empty body). */
    void route(String path) {
        route([:], path)
    }

    /** A fixed port instead of a free one. */
    void port(int p) {
        port = p
    }

    // ---- faults

    /** The backend refuses connections: the balancer answers 502. */
    Fault down(String backend) { Fault.down(backend) }

    /** The backend accepts and never answers: 504 after the upstream timeout. */
    Fault hang(String backend) { Fault.hang(backend) }

    /** The network to the backend drops everything: like hang, and health probes time out. */
    Fault partition(String backend) { Fault.partition(backend) }

    /** The backend takes {@code by} longer. */
    Fault slow(String backend, Duration by) { fault { Fault.slow(backend, by) } }

    /** Every backend takes {@code by} longer. */
    Fault slow(Duration by) { fault { Fault.slow(null, by) } }

    /** A burst of errors on one backend: {@code errorBurst('b1', 20.percent, status: 503)}. */
    Fault errorBurst(Map<String, Object> options, String backend, Percent rate) {
        fault { Fault.errors(backend, rate.fraction, options.status != null ? ((Number) options.status).intValue() : 500) }
    }

    Fault errorBurst(String backend, Percent rate) { errorBurst([:], backend, rate) }

    /** A burst of errors on every backend. */
    Fault errorBurst(Map<String, Object> options, Percent rate) { errorBurst(options, (String) null, rate) }

    Fault errorBurst(Percent rate) { errorBurst([:], (String) null, rate) }

    /** A fault on from the start: {@code fault down('b3')}. */
    void fault(Fault f) {
        if (f != null) faults << ctx.mark(f)
    }

    /** A fault on the timeline: {@code at 10.s, down('b3'), lasting: 20.s} (time from the start of the load). */
    void at(@NamedParams([@NamedParam(value = 'lasting', type = Duration)]) Map<String, Object> options, Duration when, Fault f) {
        timed(options, when, null, f)
    }

    void at(Duration when, Fault f) {
        timed([:], when, null, f)
    }

    /** A fault when a phase starts: {@code during 'peak', slow('b2', 300.ms)} (cleared after {@code lasting:} if given). */
    void during(@NamedParams([@NamedParam(value = 'lasting', type = Duration)]) Map<String, Object> options, String phase, Fault f) {
        timed(options, null, phase, f)
    }

    void during(String phase, Fault f) {
        timed([:], null, phase, f)
    }

    private void timed(Map<String, Object> options, Duration when, String phase, Fault f) {
        for (String k : options.keySet()) if (k != 'lasting') ctx.problem("'${k}' is not a setting of a timed fault (valid: lasting)", k)
        if (f == null) return
        try {
            timeline << ctx.mark(new TimedFault(when, phase, f, (Duration) options.lasting))
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
        }
    }

    private Fault fault(Closure<Fault> make) {
        try {
            return make.call()
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
            return null
        }
    }

    /** The phases that faults of this block wait for (checked against the scenarios' phases). */
    @PackageScope Set<String> phasesNamed() {
        timeline.findAll { TimedFault t -> t.phase() != null }.collect { TimedFault t -> t.phase() } as Set<String>
    }

    /** The service this block describes, created once; null (and a problem) if its settings are wrong. */
    @PackageScope SimResource resource() {
        if (resource == null) {
            try {
                SimConfig c = SimConfig.defaults().withPort(port).withBackendList([applyTo(BackendConfig.named('b1'))])
                        .withBackends(backendCount)
                for (Map.Entry<String, BackendSpec> e : perBackend.entrySet()) {
                    String name = e.key
                    BackendSpec spec = e.value
                    if (!c.backendNames().contains(name)) {
                        ctx.problem(spec, null, "sim: no backend '${name}'; the backends are ${c.backendNames().join(', ')}")
                        continue
                    }
                    c = c.withBackend(name) { BackendConfig b -> spec.applyTo(b) }
                }
                c = c.withBalancing(balancing, hashHeader).withHealth(health).withRoutes(routes).withFaults(faults).withTimeline(timeline)
                if (upstreamTimeout != null) c = c.withUpstreamTimeout(upstreamTimeout)
                resource = new SimResource(c)
            } catch (IllegalArgumentException e) {
                ctx.problem(this, null, "sim: ${e.message}")
            }
        }
        resource
    }
}
