package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.dsl.internal.Pos
import io.barrage.dsl.internal.SourcePositions
import io.barrage.engine.model.AbortRule
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
    @PackageScope long maxIterations
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

    /**
     * The most iterations (arrivals, or closed users' rounds) that start, exactly: at the top level
     * every scenario's together, inside a scenario its own (seed 004's MaxTotal jobs). The next one is
     * not started and the run stops (exit 3), naming the guardrail.
     */
    void maxIterations(long n) {
        if (n <= 0) ctx.problem("maxIterations must be > 0, got ${n}".toString())
        else maxIterations = placed('maxIterations', n)
    }

    /** Arrivals beyond this many in flight are dropped and counted (the default of every scenario, or this scenario's cap). */
    void maxConcurrency(int n) { maxConcurrency = placed('maxConcurrency', n) }

    /** The abort rules given, in order. */
    private final List<AbortRule> abortRules = []

    /** The share of calls that failed, over a window: {@code abortWhen errorRate > 10.percent, over: 30.s}. */
    GuardMetric getErrorRate() { new GuardMetric(AbortRule.ERROR_RATE, null) }

    /** A named counter's total (user code adds with {@code count 'cost', 2}): {@code abortWhen counter('cost') > 1000}. */
    GuardMetric counter(String name) { new GuardMetric(AbortRule.COUNTER, name) }

    /** A Redis queue's depth, read every second ({@code redis { queue 'emails', key: 'jobs:email' }}): {@code abortWhen queueDepth('emails') > 5000}. */
    GuardMetric queueDepth(String queue) {
        new GuardMetric(AbortRule.GAUGE, io.barrage.redis.RedisTarget.DEPTH, [queue: queue], "queueDepth('${queue}')".toString())
    }

    /** Any gauge of the run's meters, by name and labels: {@code abortWhen gauge('redis_queue_depth', queue: 'emails') > 5000}. */
    GuardMetric gauge(Map<String, Object> labels, String name) {
        Map<String, String> l = new LinkedHashMap<>()
        labels.each { k, v -> l.put(k.toString(), v.toString()) }
        String shown = l.isEmpty() ? "gauge('${name}')" : "gauge('${name}', ${l.collect { k, v -> "${k}: '${v}'" }.join(', ')})"
        new GuardMetric(AbortRule.GAUGE, name, l, shown)
    }

    /** {@link #gauge(Map, String)} of a gauge without labels. */
    GuardMetric gauge(String name) { gauge([:], name) }

    /** The queue names that {@code queueDepth} rules name, for the script's check against its redis queues. */
    @PackageScope List<AbortRule> gaugeRules() { abortRules.findAll { AbortRule r -> r.metric() == AbortRule.GAUGE } }

    /**
     * Aborts the run (exit 3) when the condition holds at the end of a reporter interval: {@code
     * abortWhen errorRate > 10.percent, over: 30.s} (the error rate of the calls in the last 30 s,
     * judged once they are 20 or more), {@code abortWhen counter('cost') > 1000} (the counter's total
     * so far). Inside a scenario it watches that scenario; at the top level, all of them together.
     */
    void abortWhen(Map options, GuardCondition condition) {
        Map opts = options ?: [:]
        for (Object k : opts.keySet()) {
            if (k.toString() != 'over') ctx.problem("abortWhen has no setting '${k}' (it takes over: for an error rate's window)".toString(), k.toString())
        }
        Duration over = null
        if (condition.metric == AbortRule.ERROR_RATE) {
            Object o = opts.over
            if (o != null && !(o instanceof Duration)) ctx.problem("abortWhen over: is a duration such as 30.s, not '${o}'".toString(), 'over')
            over = o instanceof Duration ? (Duration) o : Duration.ofSeconds(30)
        } else if (opts.containsKey('over')) {
            ctx.problem((condition.metric == AbortRule.GAUGE
                    ? "abortWhen ${condition.text}: a gauge is judged on its value at each interval; over: is for errorRate"
                    : "abortWhen ${condition.text}: a counter's total counts from the start; over: is for errorRate").toString(), 'over')
        }
        double limit
        if (condition.limit instanceof Percent) {
            limit = ((Percent) condition.limit).fraction
        } else if (condition.limit instanceof Number && condition.metric != AbortRule.ERROR_RATE) {
            limit = ((Number) condition.limit).doubleValue()
        } else {
            ctx.problem(condition.metric == AbortRule.ERROR_RATE
                    ? "abortWhen ${condition.text}: an error rate's bound is a percentage such as 10.percent".toString()
                    : "abortWhen ${condition.text}: a ${condition.metric}'s bound is a number".toString())
            return
        }
        abortRules << ctx.mark(new AbortRule(condition.metric, condition.counter, condition.labels, scenario, condition.op, limit, over, condition.text))
    }

    /** {@link #abortWhen(Map, GuardCondition)} with the defaults (an error rate over 30 s). */
    void abortWhen(GuardCondition condition) {
        abortWhen([:], condition)
    }

    /** What {@code abortWhen} watches: {@code errorRate} or {@code counter('name')}. */
    @CompileStatic
    static final class GuardMetric {
        final String metric
        final String counter
        final Map<String, String> labels
        /** How the script wrote it ({@code queueDepth('emails')}), null for the usual form. */
        final String written

        GuardMetric(String metric, String counter) {
            this(metric, counter, [:], null)
        }

        GuardMetric(String metric, String counter, Map<String, String> labels, String written) {
            this.metric = metric
            this.counter = counter
            this.labels = labels
            this.written = written
        }

        /** The script compiler turns {@code errorRate > 10.percent} into this call. */
        GuardCondition compare(String op, Object limit, String text, String left, String right) {
            String shown = left != null && right != null ? text
                    : (left ?: written ?: (counter == null ? metric : "counter('${counter}')".toString())) + ' ' + op + ' ' + (right ?: AssertionsSpec.bound(limit))
            new GuardCondition(metric, counter, labels, op, limit, shown)
        }
    }

    /** {@code errorRate > 10.percent}, as abortWhen takes it. */
    @CompileStatic
    static final class GuardCondition {
        final String metric
        final String counter
        final Map<String, String> labels
        final String op
        final Object limit
        final String text

        GuardCondition(String metric, String counter, Map<String, String> labels, String op, Object limit, String text) {
            this.metric = metric
            this.counter = counter
            this.labels = labels
            this.op = op
            this.limit = limit
            this.text = text
        }
    }

    /**
     * Takes a profile's guardrails into this scenario's: the tighter of each cap, its abortWhen
     * rules watching this scenario; its maxDuration (the shorter) and stopFile go to the run's.
     */
    @PackageScope void absorb(GuardrailsSpec from, DslContext scriptCtx) {
        if (from.maxRate > 0) maxRate = maxRate > 0 ? Math.min(maxRate, from.maxRate) : from.maxRate
        if (from.maxUsers > 0) maxUsers = maxUsers > 0 ? Math.min(maxUsers, from.maxUsers) : from.maxUsers
        if (from.maxIterations > 0) maxIterations = maxIterations > 0 ? Math.min(maxIterations, from.maxIterations) : from.maxIterations
        if (from.maxConcurrency != null) maxConcurrency = maxConcurrency != null ? Math.min(maxConcurrency, from.maxConcurrency) : from.maxConcurrency
        for (AbortRule r : from.abortRules) {
            AbortRule mine = new AbortRule(r.metric(), r.counter(), r.labels(), scenario, r.op(), r.limit(), r.over(), r.text())
            Pos p = SourcePositions.current()
            if (p != null) scriptCtx.positions.put(mine, p)
            abortRules << mine
        }
        if (from.maxDuration != null || from.stopFile != null) {
            if (scriptCtx.guardrails == null) scriptCtx.guardrails = scriptCtx.mark(new GuardrailsSpec(scriptCtx))
            GuardrailsSpec run = scriptCtx.guardrails
            if (from.maxDuration != null) run.maxDuration = run.maxDuration == null || from.maxDuration < run.maxDuration ? from.maxDuration : run.maxDuration
            if (from.stopFile != null && run.stopFile == null) run.stopFile = from.stopFile
        }
    }

    @PackageScope Guardrails build() {
        Guardrails g = new Guardrails(maxDuration, maxRate, maxUsers, stopFile == null ? null : Path.of(stopFile), abortRules, maxIterations)
        Pos where = ctx.positions.get(this)
        if (where != null) ctx.positions.put(g, new Pos(where.line, where.column, places))
        g
    }
}
