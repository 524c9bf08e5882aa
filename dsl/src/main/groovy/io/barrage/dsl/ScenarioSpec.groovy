package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.api.Barrage
import io.barrage.api.HttpHook
import io.barrage.engine.analysis.Analysis
import io.barrage.dsl.internal.ScriptFrames
import io.barrage.api.ScenarioBuilder
import io.barrage.engine.model.MetricName
import io.barrage.engine.user.Protocol
import io.barrage.dsl.internal.SourcePositions
import io.barrage.engine.model.Assertion
import io.barrage.engine.model.Phase
import io.barrage.engine.model.ThinkTime
import io.barrage.engine.pattern.ArrivalCurve
import io.barrage.engine.user.UserFlow
import io.barrage.engine.user.Vu
import io.barrage.http.Http
import io.barrage.http.HttpClients
import io.barrage.sim.SimResource
import java.time.Duration
import java.util.function.BiFunction

/**
 * {@code scenario('checkout') { ... }}: one group of virtual users — its target, what each user
 * does ({@code user { }}), its phases of load and its assertions.
 */
@CompileStatic
class ScenarioSpec implements ThinkTimes {
    private final DslContext ctx
    @PackageScope final String name
    private String target
    private SimSpec sim
    private Closure userBody
    private Closure setupBody
    private Closure teardownBody
    private final List<Phase> phases = []
    private final List<Assertion> assertions = []
    private final HttpSpec http
    private ThinkTime pacing
    private Integer maxConcurrency
    private ArrivalCurve.Spacing spacing = ArrivalCurve.Spacing.EVEN
    private Long seed
    private final List<Protocol<?>> protocols = []
    private final List<Analysis> analyses = []
    private BalanceSpec balance
    private CapacitySpec capacity
    private GuardrailsSpec guardrails
    /** The HTTP calls of user, setup and teardown whose path is a relative one written out. */
    private final List<SourcePositions.Call> relativeCalls = []

    ScenarioSpec(DslContext ctx, String name) {
        this.ctx = ctx
        this.name = name
        this.http = new HttpSpec(ctx)
    }

    /** Where requests go: {@code target 'http://127.0.0.1:8080'}. Relative paths resolve against it. */
    void target(String url) {
        try {
            URI u = URI.create(url)
            boolean http = 'http'.equals(u.scheme) || 'https'.equals(u.scheme)
            if (!http || u.host == null || u.host.isEmpty()) throw new IllegalArgumentException('no http(s) scheme or host')
            target = url
        } catch (IllegalArgumentException e) {
            ctx.problem("target '${url}' is not an http:// or https:// URL with a host")
        }
    }

    /** Starts the built-in simulated service for this scenario and targets it. */
    void sim(@DelegatesTo(value = SimSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        sim = ctx.mark(new SimSpec(ctx))
        Dsl.call(body, sim)
    }

    /** Starts the built-in simulated service with its defaults and targets it. */
    void sim() {
        sim = ctx.mark(new SimSpec(ctx))
    }

    /** Runs once before the load; what it returns is {@code shared} in user code. */
    void setup(@DelegatesTo(value = UserContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        setupBody = body
        relativeCalls.addAll(SourcePositions.relativeCalls())
    }

    /** Runs once after the load, with {@code shared}. */
    void teardown(@DelegatesTo(value = UserContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        teardownBody = body
        relativeCalls.addAll(SourcePositions.relativeCalls())
    }

    /** One iteration of one virtual user. */
    void user(@DelegatesTo(value = UserContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (userBody != null) ctx.problem("scenario '${name}' has two user { } blocks; one scenario has one kind of user (use two scenarios for two)")
        userBody = body
        relativeCalls.addAll(SourcePositions.relativeCalls())
    }

    /** The pause after each iteration of a closed-model user: {@code think uniform(1.s, 3.s)}. */
    void think(ThinkTime t) {
        pacing = ctx.mark(t)
    }

    /** A fixed pause after each iteration of a closed-model user: {@code think 2.s}. */
    void think(Duration d) {
        pacing = ctx.mark(ThinkTime.constant(d))
    }

    /** The load profile. */
    void phases(@DelegatesTo(value = PhasesSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        PhasesSpec spec = new PhasesSpec(ctx)
        Dsl.call(body, spec)
        phases.addAll(spec.phases)
    }

    /** A saved load profile, the script's own or from a profiles folder: {@code phases profile('peak-hour')}. */
    Profile profile(String name) {
        ctx.profile(name)
    }

    /**
     * A saved profile's phases as this scenario's ({@code phases profile('peak-hour')}), and its
     * guardrails: its caps and abortWhen rules for this scenario, its maxDuration and stopFile for the run.
     */
    void phases(Profile profile) {
        if (profile == null) {           // not found or not valid: a problem already, said once
            profileMissing = true
            return
        }
        io.barrage.dsl.internal.Pos here = SourcePositions.current()
        for (Phase p : profile.phases) {
            if (here != null && !ctx.positions.containsKey(p)) ctx.positions.put(p, here)
            phases.add(p)
        }
        if (profile.guardrails != null) {
            if (guardrails == null) guardrails = ctx.mark(new GuardrailsSpec(ctx, name))
            guardrails.absorb(profile.guardrails, ctx)
        }
    }

    /** What must hold at the end: {@code p95 < 250.ms}. */
    void assertions(@DelegatesTo(value = AssertionsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        AssertionsSpec spec = new AssertionsSpec(ctx)
        Dsl.call(body, spec)
        assertions.addAll(spec.assertions)
    }

    /**
     * Balance analysis: {@code balance { header 'X-Pod' }} counts the backend that answered each call
     * and scores how evenly calls spread (on by itself against a sim of several backends).
     */
    void balance(@DelegatesTo(value = BalanceSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        balance = ctx.mark(new BalanceSpec(ctx))
        Dsl.call(body, balance)
    }

    /** How {@code barrage capacity} searches this scenario's highest load (ignored by {@code barrage run}). */
    void capacity(@DelegatesTo(value = CapacitySpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        capacity = ctx.mark(new CapacitySpec(ctx))
        Dsl.call(body, capacity)
    }

    /** HTTP settings: headers, timeouts, redirects, client. */
    void http(@DelegatesTo(value = HttpSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        Dsl.call(body, http)
    }

    /**
     * This scenario's own caps: {@code guardrails { maxRate 100; maxUsers 50; maxConcurrency 500 }},
     * on top of the run's (the tighter one holds). maxDuration and stopFile belong to the whole run.
     */
    void guardrails(@DelegatesTo(value = GuardrailsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        guardrails = ctx.mark(new GuardrailsSpec(ctx, name))
        Dsl.call(body, guardrails)
    }

    /** Open model: arrivals beyond this many in flight are dropped and counted (default 10 000). */
    void maxConcurrency(int n) {
        maxConcurrency = n
    }

    /** Open model: {@code arrivals 'even'} (default) or {@code arrivals 'poisson'}. */
    void arrivals(String spacingName) {
        if ('even'.equals(spacingName)) spacing = ArrivalCurve.Spacing.EVEN
        else if ('poisson'.equals(spacingName)) spacing = ArrivalCurve.Spacing.POISSON
        else ctx.problem("arrivals '${spacingName}' is not a spacing (valid: even, poisson)")
    }

    /** Seeds Poisson arrivals and the users' random generators (default: from the scenario name). */
    void seed(long s) {
        seed = s
    }

    /**
     * A protocol module beside {@code http}: its users reach it by name in user code,
     * {@code client('ticker').tick()}; its calls are timed and counted on their steps.
     */
    void protocol(Protocol<?> module) {
        if (module == null) {
            ctx.problem('protocol: a protocol module, not null')
            return
        }
        String bad = MetricName.problem(module.name(), 'protocol')
        if (bad != null) ctx.problem("protocol: ${bad}")
        else if (module.name() == 'http' || protocols.any { Protocol<?> p -> p.name() == module.name() }) {
            ctx.problem("protocol '${module.name()}' is in scenario '${name}' already")
        } else {
            protocols << module
        }
    }

    /**
     * An analysis of the calls' tallies besides balance ({@code analysis new CacheHits()}): its score
     * per second in the timeline, its section in the summary, its events, and
     * {@code score('name')} in the assertions.
     */
    void analysis(Analysis a) {
        if (a == null) ctx.problem('analysis: an analysis, not null')
        else analyses << ctx.mark(a)
    }

    // ---- building

    @PackageScope Set<String> phaseNames() {
        Set<String> names = new LinkedHashSet<>()
        for (Phase p : phases) names.add(p.name())
        names
    }

    @PackageScope SimSpec simSpec() {
        sim
    }

    /** True when {@code phases profile(…)} named a profile that could not be had (its problem is reported). */
    @PackageScope boolean profileMissing

    @PackageScope GuardrailsSpec guardrailsSpec() {
        guardrails
    }

    @PackageScope CapacitySpec capacitySpec() {
        capacity
    }

    /** The scenario as a Java-API builder: the DSL and plain Java build scenarios the same way. */
    @PackageScope ScenarioBuilder builder() {
        ScenarioBuilder b = Barrage.scenario(name)
        if (target != null) b.target(target)
        if (sim != null) {
            SimResource r = sim.resource()
            if (r != null) b.sim(r)
        }
        try {
            HttpClients.clientName(http.config(null))
        } catch (IllegalArgumentException e) {
            ctx.problem(this, null, "scenario '${name}': ${e.message}")
            http.client('auto')
        }
        b.http(http.config(null))
        String nowhere = target == null && sim == null && ctx.sharedSim == null ? name : null
        if (nowhere != null && !relativeCalls.isEmpty()) noTarget()
        final Closure body = userBody
        if (body != null) {
            b.users(new ClosureUsers(body, ctx.file, nowhere))
        }
        if (setupBody != null) b.setup(hook(setupBody, ctx.file, nowhere))
        if (teardownBody != null) b.teardown(hook(teardownBody, ctx.file, nowhere))
        b.phases(phases).assertions(assertions).spacing(spacing)
        if (pacing != null) b.pacing(pacing)
        Integer cap = guardrails?.maxConcurrency
        Integer concurrency = maxConcurrency == null ? cap : cap == null ? maxConcurrency : Math.min(maxConcurrency, cap)
        if (concurrency != null) b.maxConcurrency(concurrency)
        if (guardrails != null) b.guardrails(guardrails.build())
        if (seed != null) b.seed(seed)
        for (Protocol<?> p : protocols) b.protocol(p)
        if (ctx.redis != null && ctx.redis.protocol() != null && !protocols.any { Protocol<?> p -> p.name() == 'redis' }) b.protocol(ctx.redis.protocol())
        for (Analysis a : analyses) b.analysis(a)
        if (balance != null) b.balance(ctx.mark(balance.build()))
        b
    }

    /** One problem, at the first HTTP call with a relative path, when the scenario has nowhere to send them. */
    private void noTarget() {
        List<SourcePositions.Call> calls = relativeCalls.toSorted { SourcePositions.Call a, SourcePositions.Call c -> a.line <=> c.line ?: a.column <=> c.column }
        SourcePositions.Call first = calls[0]
        SortedSet<Integer> others = new TreeSet<Integer>()
        for (SourcePositions.Call c : calls.drop(1)) others << c.line
        ctx.problem(first.line, first.column, noTargetMessage(first.text, name, others))
    }

    /** What a call with a relative path in a scenario with no target and no sim gets: where it is, why it cannot go, the fix. */
    @PackageScope static String noTargetMessage(String call, String scenario, Collection<Integer> otherLines) {
        boolean more = !otherLines.isEmpty()
        call + ' has a relative path' + (more ? " (so do the calls on line${otherLines.size() == 1 ? '' : 's'} ${otherLines.join(', ')})" : '') +
                ", and scenario '${scenario}' has no target and no sim to send ${more ? 'them' : 'it'} to: add target 'http://host:port' or sim { } to the scenario, or use " +
                (more ? 'full URLs' : 'a full URL')
    }

    private static HttpHook hook(Closure body, String file, String nowhere) {
        { Http h, Vu vu ->
            Closure c = body.rehydrate(new UserContext(vu, new HttpDsl(h, file, nowhere)), body.owner, body.thisObject)
            c.resolveStrategy = Closure.DELEGATE_FIRST
            try {
                c.call()
            } catch (Throwable t) {
                throw ScriptFrames.named(t, body, file)
            }
        } as HttpHook
    }

    /**
     * Makes each user's flow from the scenario's closure (a class of its own: a closure coerced to
     * BiFunction would go through a reflective proxy for every open-model arrival).
     */
    @groovy.transform.stc.POJO
    private static final class ClosureUsers implements BiFunction<Http, Vu, UserFlow> {
        private final Closure body
        private final String file
        private final String nowhere

        ClosureUsers(Closure body, String file, String nowhere) {
            this.body = body
            this.file = file
            this.nowhere = nowhere
        }

        @Override
        UserFlow apply(Http h, Vu vu) {
            Closure c = body.rehydrate(new UserContext(vu, new HttpDsl(h, file, nowhere)), body.owner, body.thisObject)
            c.resolveStrategy = Closure.DELEGATE_FIRST
            return new ClosureFlow(c, file)
        }
    }

    /** Runs a user's closure as its flow (a class of its own: a coerced closure would go through a proxy on every iteration). */
    @groovy.transform.stc.POJO
    private static final class ClosureFlow implements UserFlow {
        private final Closure body
        private final String file

        ClosureFlow(Closure body, String file) {
            this.body = body
            this.file = file
        }

        @Override
        void iterate(Vu vu) throws Exception {
            try {
                body.call()
            } catch (Throwable t) {   // the same exception, its frames naming the script's file
                throw ScriptFrames.named(t, body, file)
            }
        }
    }
}
