package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.dsl.internal.ParamValues

/**
 * The base class of every scenario script: the top-level words {@code scenario}, {@code sim},
 * {@code guardrails} and {@code param}, and the think-time distributions.
 */
@CompileStatic
abstract class BarrageScript extends Script implements ThinkTimes {
    private DslContext ctx

    /** Used by the compiler before the script runs. */
    void barrage$init(DslContext context) {
        this.ctx = context
    }

    private DslContext ctx() {
        if (ctx == null) throw new IllegalStateException('scenario scripts run through barrage (ScenarioCompiler)')
        ctx
    }

    /** A scenario: one group of virtual users with its own phases, assertions and stats. */
    ScenarioSpec scenario(String name, @DelegatesTo(value = ScenarioSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        if (ctx().scenarios.any { it.name == name }) ctx().problem("scenario name '${name}' is used twice")
        ScenarioSpec spec = ctx().mark(new ScenarioSpec(ctx(), name))
        ctx().scenarios << spec
        Dsl.call(body, spec)
        spec
    }

    /** The built-in simulated service, shared by every scenario without a target of its own. */
    void sim(@DelegatesTo(value = SimSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        SimSpec s = ctx().mark(new SimSpec(ctx()))
        ctx().sharedSim = s
        Dsl.call(body, s)
    }

    /**
     * The script's Redis server, which every scenario's users reach as {@code redis}: {@code redis {
     * url 'redis://127.0.0.1:6379'; queue 'emails', key: 'jobs:email' }}.
     */
    void redis(@DelegatesTo(value = RedisSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        if (ctx().redis != null) {
            ctx().problem('redis { } is given twice: a script has one Redis server')
            return
        }
        RedisSpec r = ctx().mark(new RedisSpec(ctx()))
        ctx().redis = r
        Dsl.call(body, r)
    }

    /** The built-in simulated service with its defaults. */
    void sim() {
        ctx().sharedSim = ctx().mark(new SimSpec(ctx()))
    }

    /**
     * Records from a data file (.csv, .tsv, .jsonl, .json), read and checked once when the script
     * loads and shared by every user: {@code def users = feeder('data/users.csv', strategy: 'unique')}.
     * User code draws one with {@code feed(users)}. The path is relative to the script's folder.
     */
    io.barrage.data.Feeder feeder(Map options, String path) {
        FeederSpec.file(ctx(), options, path)
    }

    /** {@link #feeder(Map, String)} with the defaults (circular). */
    io.barrage.data.Feeder feeder(String path) {
        FeederSpec.file(ctx(), [:], path)
    }

    /** Records from a list: {@code feeder([[name: 'ada'], [name: 'lin']], strategy: 'shuffle')}. */
    io.barrage.data.Feeder feeder(Map options, List records) {
        FeederSpec.list(ctx(), options, records)
    }

    /** {@link #feeder(Map, List)} with the defaults (circular). */
    io.barrage.data.Feeder feeder(List records) {
        FeederSpec.list(ctx(), [:], records)
    }

    /**
     * Generated questions of a built-in strategy ({@code historical}, {@code mathematical}, {@code
     * geographical}, {@code hypothetical}, {@code technical}, {@code mixed}): {@code def asks =
     * questions('mixed', seed: 42)}; user code draws with {@code feed(asks)}.
     */
    io.barrage.data.Questions questions(Map options, String strategy) {
        FeederSpec.questions(ctx(), options, strategy)
    }

    /** {@link #questions(Map, String)} with seed 0. */
    io.barrage.data.Questions questions(String strategy) {
        FeederSpec.questions(ctx(), [:], strategy)
    }

    /**
     * Generated questions from templates of one's own: {@code questions(templates: ['How does {product}
     * handle {load}?'], vars: [product: ['Atlas', 'Nimbus'], load: 1..100], seed: 7)}.
     */
    io.barrage.data.Questions questions(Map options) {
        FeederSpec.questions(ctx(), options, null)
    }

    /**
     * How many users each of {@code groups} groups gets, drawn from a distribution with a seed:
     * {@code def sizes = groupSizes(3, between(5, 15), seed: 42)} (a list, one size per group). Groups
     * are scenarios made in a loop, each with its own setup, stats, assertions and guardrails.
     */
    List<Integer> groupSizes(Map options, int groups, io.barrage.data.GroupSizes.Sizes sizes) {
        for (Object k : (options ?: [:]).keySet()) {
            if (k.toString() != 'seed') ctx().problem("groupSizes has no setting '${k}' (it takes seed:)".toString(), k.toString())
        }
        long seed = FeederSpec.seed(ctx(), options, 'groupSizes')
        try {
            return io.barrage.data.GroupSizes.draw(groups, sizes, seed)
        } catch (IllegalArgumentException e) {
            ctx().problem(e.message)
            return [1] * Math.max(1, groups)
        }
    }

    /** {@link #groupSizes(Map, int, io.barrage.data.GroupSizes.Sizes)} with seed 0. */
    List<Integer> groupSizes(int groups, io.barrage.data.GroupSizes.Sizes sizes) { groupSizes([:], groups, sizes) }

    /** Every group the same size: {@code fixed(10)}. */
    io.barrage.data.GroupSizes.Sizes fixed(int n) { sizes { new io.barrage.data.GroupSizes.Fixed(n) } }

    /** Sizes from {@code min} to {@code max}, each as likely: {@code between(5, 15)}. */
    io.barrage.data.GroupSizes.Sizes between(int min, int max) { sizes { new io.barrage.data.GroupSizes.Between(min, max) } }

    /** Sizes from a normal distribution, rounded, at least 1: {@code gaussian(20, 5)}. */
    io.barrage.data.GroupSizes.Sizes gaussian(Number mean, Number sd) {
        sizes { new io.barrage.data.GroupSizes.Gaussian(mean.doubleValue(), sd.doubleValue(), 1) }
    }

    private io.barrage.data.GroupSizes.Sizes sizes(Closure<io.barrage.data.GroupSizes.Sizes> make) {
        try {
            return make.call()
        } catch (IllegalArgumentException e) {
            ctx().problem(e.message)
            return new io.barrage.data.GroupSizes.Fixed(1)
        }
    }

    /**
     * A request body with {@code {{variables}}}, from a file beside the script, read and checked when
     * the script loads: {@code def order = template('bodies/order.json')}; user code sends
     * {@code http.post('/orders', body: order.render(u + [qty: 2]), contentType: 'application/json')}.
     */
    io.barrage.data.Template template(String path) {
        FeederSpec.template(ctx(), path)
    }

    /**
     * A load profile written here, for scenarios to use with {@code phases profile('peak-hour')}:
     * {@code profile('peak-hour') { description '…'; tags 'daily'; phases { … }; guardrails { … } }}.
     * (A profile file holds the words inside the braces; {@code barrage profile save} keeps one.)
     */
    Profile profile(String name, @DelegatesTo(value = Profile, strategy = Closure.DELEGATE_ONLY) Closure body) {
        String bad = Profiles.nameProblem(name)
        if (bad != null) ctx().problem(bad)
        if (ctx().profiles.containsKey(name)) ctx().problem("profile '${name}' is written twice".toString())
        Profile p = ctx().mark(new Profile(ctx(), name))
        ctx().profiles.put(name, p)
        Dsl.call(body, p)
        p
    }

    /** A saved load profile, the script's own or from a profiles folder: {@code def peak = profile('peak-hour')}. */
    Profile profile(String name) {
        ctx().profile(name)
    }

    /** Safety limits of the run. */
    void guardrails(@DelegatesTo(value = GuardrailsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        GuardrailsSpec g = ctx().mark(new GuardrailsSpec(ctx()))
        ctx().guardrails = g
        Dsl.call(body, g)
    }

    /**
     * A parameter from the command line ({@code -p users=50}), or the default. The default's type
     * says how the text is read: whole number, decimal, true/false, duration (30s), percentage (5%)
     * or text. A value that does not fit is a problem naming the {@code -p} and what it accepts.
     */
    def <T> T param(String name, T defaultValue) {
        ctx().paramsRead << name
        String raw = ctx().params.get(name)
        if (raw == null) return defaultValue
        // no GString on the way of a good value: the first one formatted initialises Groovy's formatting (0.14 s of a start)
        String kind = ParamValues.kind(defaultValue)
        if (kind == null) {
            ctx().paramProblem(name, raw, "${name} takes its type from ${from(name, defaultValue)}, and barrage reads no ${defaultValue.getClass().simpleName} " +
                    'from the command line (it reads whole numbers, decimals, true/false, durations, percentages and text)')
            return defaultValue
        }
        try {
            return (T) ParamValues.convert(raw, defaultValue)
        } catch (ParamValues.Bad e) {
            ctx().paramProblem(name, raw, "${name} is ${kind} (from ${from(name, defaultValue)})${e.message.startsWith('and ') ? ' ' : ', '}${e.message}")
            return defaultValue
        }
    }

    /** Where a parameter comes from, for its problems: {@code param('rate', 100) at load.groovy:6}. */
    private String from(String name, Object defaultValue) {
        "param('${name}', ${ParamValues.literal(defaultValue)}) at ${ctx().here()}"
    }

    /** A parameter that must be given on the command line ({@code -p name=value}): text, not empty. */
    String param(String name) {
        ctx().paramsRead << name
        String raw = ctx().params.get(name)
        if (raw == null) {
            ctx().problem("parameter ${name} is required (param('${name}')): run with -p ${name}=VALUE")
        } else if (raw.trim().isEmpty()) {
            ctx().paramProblem(name, raw, "${name} is a required parameter (param('${name}') at ${ctx().here()}) and the value is empty")
        }
        raw ?: ''
    }
}
