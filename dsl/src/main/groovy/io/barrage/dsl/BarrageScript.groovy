package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.engine.model.Durations
import java.time.Duration

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

    /** The built-in simulated service with its defaults. */
    void sim() {
        ctx().sharedSim = ctx().mark(new SimSpec(ctx()))
    }

    /** Safety limits of the run. */
    void guardrails(@DelegatesTo(value = GuardrailsSpec, strategy = Closure.DELEGATE_ONLY) Closure body) {
        GuardrailsSpec g = ctx().mark(new GuardrailsSpec(ctx()))
        ctx().guardrails = g
        Dsl.call(body, g)
    }

    /**
     * A parameter from the command line ({@code -p users=50}), or the default. The default's type
     * says how the text is read: whole number, decimal, true/false, duration (30s) or text.
     */
    def <T> T param(String name, T defaultValue) {
        ctx().paramsRead << name
        String raw = ctx().params.get(name)
        if (raw == null) return defaultValue
        try {
            return (T) convert(raw, defaultValue)
        } catch (IllegalArgumentException e) {
            ctx().problem("parameter ${name}: ${e.message}")
            return defaultValue
        }
    }

    /** A parameter that must be given on the command line ({@code -p name=value}). */
    String param(String name) {
        ctx().paramsRead << name
        String raw = ctx().params.get(name)
        if (raw == null) ctx().problem("parameter ${name} is required: run with -p ${name}=…")
        raw ?: ''
    }

    private static Object convert(String raw, Object dflt) {
        // instanceof, not switch on classes: Groovy's class case dispatches dynamically (40 ms at start-up)
        String s = raw.trim()
        if (dflt instanceof Integer || dflt instanceof Long) {
            if (!s.matches('-?\\d+')) throw new IllegalArgumentException("'${raw}' is not a whole number")
            return dflt instanceof Integer ? (Object) Integer.valueOf(s) : (Object) Long.valueOf(s)
        }
        if (dflt instanceof BigDecimal || dflt instanceof Double || dflt instanceof Float) {
            try {
                return dflt instanceof BigDecimal ? new BigDecimal(s) : (Object) Double.valueOf(s)
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'${raw}' is not a number")
            }
        }
        if (dflt instanceof Boolean) {
            if ('true'.equals(s) || 'false'.equals(s)) return Boolean.valueOf(s)
            throw new IllegalArgumentException("'${raw}' is not true or false")
        }
        if (dflt instanceof Duration) return Durations.parse(s)
        if (dflt instanceof Percent) {
            String n = s.endsWith('%') ? s.substring(0, s.length() - 1) : s
            try {
                return new Percent(Double.parseDouble(n) / 100d)
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'${raw}' is not a percentage such as 5%")
            }
        }
        raw
    }
}
