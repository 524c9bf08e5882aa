package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.stc.POJO
import io.barrage.dsl.internal.DidYouMean
import io.barrage.dsl.internal.ScriptParams
import io.barrage.dsl.internal.SourcePositions
import io.barrage.api.Barrage
import io.barrage.api.PlanBuilder
import io.barrage.engine.model.AbortRule
import io.barrage.engine.validation.Problem
import io.barrage.engine.run.TestPlan
import io.barrage.http.HttpClientChoice
import io.barrage.sim.SimResource

/** A compiled scenario script, ready to run with parameters. */
@CompileStatic
@POJO
final class CompiledScript {
    final String file
    final Class<? extends BarrageScript> scriptClass
    /** True when the classes came from the compiled-script cache. */
    final boolean fromCache

    /** The script says {@code fake}: Datafaker's data is loaded when the script loads, not in the first timed call. */
    final boolean usesFake

    CompiledScript(String file, Class<? extends BarrageScript> scriptClass, boolean fromCache) {
        this(file, scriptClass, fromCache, false)
    }

    /** The compiler that made it: profile files the script names compile with it (and its cache). */
    final ScenarioCompiler compiler

    CompiledScript(String file, Class<? extends BarrageScript> scriptClass, boolean fromCache, boolean usesFake) {
        this(file, scriptClass, fromCache, usesFake, null)
    }

    CompiledScript(String file, Class<? extends BarrageScript> scriptClass, boolean fromCache, boolean usesFake, ScenarioCompiler compiler) {
        this.file = file
        this.scriptClass = scriptClass
        this.fromCache = fromCache
        this.usesFake = usesFake
        this.compiler = compiler
    }

    /**
     * Runs a profile file's script (its body wrapped in {@code profile('NAME') { }}) and returns the
     * profile, its phases and guardrails checked.
     *
     * @throws ScriptException with every problem, at the file's lines
     */
    Profile profile(String name) {
        DslContext ctx = new DslContext(file, [:])
        ctx.compiler = compiler
        BarrageScript script = scriptClass.getDeclaredConstructor().newInstance()
        script.setBinding(new Binding())
        script.barrage$init(ctx)
        try {
            script.run()
        } catch (ScriptException e) {
            throw e
        } catch (Throwable t) {
            ctx.problems << runtimeProblem(t)
            throw new ScriptException(sorted(ctx.problems))
        } finally {
            SourcePositions.clear()
        }
        Profile p = ctx.profiles.get(name)
        if (p != null) {
            p.source = file
            for (io.barrage.engine.model.Phase ph : p.phases) {
                for (Problem pr : ph.validate("profile '${name}'".toString())) ctx.problems << placed(ctx, pr)
            }
            if (p.phases.isEmpty()) ctx.problem(p, null, "profile '${name}' has no phases: add phases { hold 'steady', rate: 100, for: 1.min }".toString())
            if (p.guardrails != null) {
                for (Problem pr : p.guardrails.build().validate("profile '${name}'".toString())) ctx.problems << placed(ctx, pr)
            }
        }
        if (!ctx.problems.isEmpty()) throw new ScriptException(sorted(ctx.problems))
        p
    }

    /**
     * Runs the script body with {@code params} and builds the plan it describes. Nothing starts:
     * simulated services start with the run.
     *
     * @throws ScriptException with every problem (script errors and plan validation), each with its place
     */
    LoadedScript load(Map<String, String> params) {
        load(params, Collections.<String>emptySet())
    }

    /**
     * As {@link #load(Map)}, for one of several scripts given the same parameters ({@code barrage
     * validate a.groovy b.groovy -p …}): a parameter in {@code takenElsewhere} that this script does
     * not name is no problem of this script's.
     */
    LoadedScript load(Map<String, String> params, Set<String> takenElsewhere) {
        load(params, takenElsewhere, HttpClientChoice.SCENARIO)
    }

    /**
     * As {@link #load(Map, Set)}, with every scenario's HTTP on {@code httpClient}'s client unless it
     * is {@link HttpClientChoice#SCENARIO} ({@code barrage run --http-client}).
     */
    LoadedScript load(Map<String, String> params, Set<String> takenElsewhere, HttpClientChoice httpClient) {
        DslContext ctx = new DslContext(file, params)
        ctx.compiler = compiler
        BarrageScript script = scriptClass.getDeclaredConstructor().newInstance()
        script.setBinding(new Binding())
        script.barrage$init(ctx)
        List<String> warnings = []
        try {
            script.run()
        } catch (ScriptException e) {
            throw e
        } catch (Throwable t) {
            ctx.problems << runtimeProblem(t)
            // the names it would have built at run time are unknown: only a script whose names are all literal is checked
            if (paramNamesComplete()) checkParams(ctx, takenElsewhere, warnings)
            throw new ScriptException(sorted(ctx.problems))
        } finally {
            SourcePositions.clear()
        }
        // the first fake value loads Datafaker's data files (0.2 s of class loading and YAML): before the load, not in a call's latency
        if (usesFake && ctx.problems.isEmpty()) io.barrage.data.Fakes.warm()
        PlanBuilder builder = Barrage.plan(ctx.scenarios.size() == 1 ? ctx.scenarios[0].name : baseName(file)).httpClient(httpClient)
        if (ctx.sharedSim != null && ctx.sharedSim.resource() != null) builder.sim(ctx.sharedSim.resource())
        if (ctx.redis != null && ctx.redis.target() != null) builder.resource(ctx.redis.target())
        if (ctx.guardrails != null) {
            builder.guardrails(ctx.guardrails.build())
            if (ctx.guardrails.maxConcurrency != null) builder.maxConcurrency(ctx.guardrails.maxConcurrency)
        }
        for (ScenarioSpec s : ctx.scenarios) builder.scenario(s.builder())
        builder.info('script', file)
        if (!ctx.params.isEmpty()) {
            // String.join, not Groovy's join: its first use initialises Groovy's formatting (0.15 s of every start)
            List<String> given = new ArrayList<>()
            for (Map.Entry<String, String> e : ctx.params.entrySet()) given.add(e.key + '=' + e.value)
            builder.info('params', String.join(' ', given))
        }
        TestPlan plan = builder.build()
        for (int i = 0; i < ctx.scenarios.size(); i++) {
            def where = ctx.positions.get(ctx.scenarios[i])
            if (where != null) ctx.positions.put(plan.scenarios()[i], where)
            if (ctx.scenarios[i].profileMissing) ctx.explained(plan.scenarios()[i], 'phases')
        }
        checkSimPhases(ctx)
        checkQueueDepths(ctx)
        for (Problem p : plan.validate()) {
            if (!ctx.isExplained(p.subject(), p.field())) ctx.problems << placed(ctx, p)
        }
        List<String> planWarnings = []
        for (Problem p : plan.warnings()) planWarnings << placed(ctx, p).toString()
        checkParams(ctx, takenElsewhere, warnings)
        Map<String, io.barrage.engine.capacity.CapacitySettings> capacity = [:]
        for (ScenarioSpec s : ctx.scenarios) {
            CapacitySpec c = s.capacitySpec()
            if (c == null) continue
            for (Problem p : c.settings().validate("scenario '${s.name}'".toString())) {
                String assertion = p.where().contains('› assertion') ? p.where().substring(p.where().lastIndexOf('›') + 1).trim() + ': ' : ''
                ctx.problem(c, null, "capacity: ${assertion}${p.message()}")
            }
            capacity.put(s.name, c.settings())
        }
        if (!ctx.problems.isEmpty()) {
            for (AutoCloseable r : plan.resources()) r.close()
            throw new ScriptException(sorted(ctx.problems))
        }
        new LoadedScript(plan, planWarnings + warnings, ctx.paramsRead.toList(), capacity)
    }

    /** A validation problem or warning at the place in the script of the record it is about, named as the user wrote it. */
    private static ScriptProblem placed(DslContext ctx, Problem p) {
        String prefix = p.where().contains('›') ? p.where().substring(p.where().lastIndexOf('›') + 1).trim() + ': ' : ''
        if (p.message().startsWith("scenario '") || p.message().startsWith('phase ')) prefix = ''
        ctx.at(p.subject(), p.field(), prefix + p.message())
    }

    /**
     * The parameters the script names in {@code param('NAME', …)} calls, wherever they are and whether
     * or not they run (recorded by the compiler); with {@link #paramNamesComplete} false, the script
     * also builds names at run time.
     */
    Set<String> paramNames() {
        ScriptParams p = scriptClass.getAnnotation(ScriptParams)
        p == null ? Collections.<String>emptySet() : Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(p.value())))
    }

    /** False when some {@code param} call of the script builds its name at run time (or the compiler did not record the names). */
    boolean paramNamesComplete() {
        ScriptParams p = scriptClass.getAnnotation(ScriptParams)
        p != null && !p.computed()
    }

    /**
     * Every {@code -p NAME=…} must be a parameter of the script: one it names in a
     * {@code param('NAME', …)} call anywhere, or (for names built at run time) one it read on this run.
     * Any other is a problem, with the closest name and the script's parameters. One it names but did
     * not read on this run (a branch not taken) is a warning: the value had no effect.
     */
    private void checkParams(DslContext ctx, Set<String> takenElsewhere, List<String> warnings) {
        Set<String> known = new LinkedHashSet<>(paramNames())
        known.addAll(ctx.paramsRead)
        for (Map.Entry<String, String> e : ctx.params.entrySet()) {
            String given = e.key
            if (ctx.paramsRead.contains(given)) continue
            String arg = "-p ${given}=${e.value}".toString()
            if (known.contains(given)) {
                warnings << "${arg} had no effect: ${file} reads ${given} only on a path this run did not take".toString()
            } else if (!takenElsewhere.contains(given)) {
                String message = "${file} has no parameter '${given}'".toString()
                if (known.isEmpty()) {
                    message += ' (it reads none)'
                } else {
                    String close = DidYouMean.closest(given, known)
                    if (close != null) message += "; did you mean '${close}'?".toString()
                    message += " (its parameters: ${String.join(', ', new TreeSet<String>(known))})".toString()
                }
                ctx.problems << new ScriptProblem(arg, 0, 0, message)
            }
        }
    }

    /** {@code abortWhen queueDepth('q')} must name a queue of the script's {@code redis { }}. */
    private static void checkQueueDepths(DslContext ctx) {
        List<GuardrailsSpec> specs = new ArrayList<>()
        if (ctx.guardrails != null) specs.add(ctx.guardrails)
        for (ScenarioSpec s : ctx.scenarios) if (s.guardrailsSpec() != null) specs.add(s.guardrailsSpec())
        for (GuardrailsSpec g : specs) {
            for (AbortRule r : g.gaugeRules()) {
                String queue = r.labels().get('queue')
                if (r.counter() != io.barrage.redis.RedisTarget.DEPTH || queue == null) continue
                if (ctx.redis == null) {
                    ctx.problem(r, null, "abortWhen ${r.text()}: this script has no redis { } block with a queue '${queue}'".toString())
                } else if (!ctx.redis.queueNames().contains(queue)) {
                    String close = DidYouMean.closest(queue, ctx.redis.queueNames())
                    ctx.problem(r, null, ("abortWhen ${r.text()}: redis has no queue '${queue}'" + (close != null ? "; did you mean '${close}'?" : '')
                            + " (its queues: ${ctx.redis.queueNames().isEmpty() ? 'none' : String.join(', ', ctx.redis.queueNames())})").toString())
                }
            }
        }
    }

    /** A sim fault that waits for a phase must name a phase some scenario has. */
    private static void checkSimPhases(DslContext ctx) {
        Set<String> phases = new TreeSet<String>()
        List<SimSpec> sims = new ArrayList<>()
        for (ScenarioSpec s : ctx.scenarios) {
            phases.addAll(s.phaseNames())
            if (s.simSpec() != null) sims.add(s.simSpec())
        }
        if (ctx.sharedSim != null) sims.add(ctx.sharedSim)
        for (SimSpec sim : sims) {
            SimResource r = sim.resource()
            if (r == null) continue
            for (io.barrage.sim.TimedFault t : r.config().timeline()) {
                if (t.phase() != null && !phases.contains(t.phase())) {
                    ctx.problem(t, null, "sim: fault '${t.fault().describe()}' waits for phase '${t.phase()}', which no scenario has (phases: ${String.join(', ', phases)})")
                }
            }
        }
    }

    private ScriptProblem runtimeProblem(Throwable t) {
        int line = 0
        Throwable cause = t instanceof org.codehaus.groovy.runtime.InvokerInvocationException && t.cause != null ? t.cause : t
        for (StackTraceElement e : cause.stackTrace) {
            if (e.className.startsWith(scriptClass.name) && e.lineNumber > 0) {
                line = e.lineNumber
                break
            }
        }
        def pos = SourcePositions.current()
        int column = pos != null && pos.line == line ? pos.column : (line > 0 ? 1 : 0)
        String msg = cause.message == null ? cause.getClass().simpleName : "${cause.getClass().simpleName}: ${cause.message.readLines().first()}"
        new ScriptProblem(file, line, column, "the script failed: ${msg}")
    }

    private static List<ScriptProblem> sorted(List<ScriptProblem> problems) {
        problems.toSorted { ScriptProblem a, ScriptProblem b -> a.line <=> b.line ?: a.column <=> b.column }.unique { it.toString() }
    }

    private static String baseName(String file) {
        String n = file.replace('\\', '/')
        n = n.substring(n.lastIndexOf('/') + 1)
        n.endsWith('.groovy') ? n.substring(0, n.length() - 7) : n
    }
}
