package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import io.barrage.engine.model.Assertion

/**
 * {@code assertions { p95 < 250.ms; p99('POST /cart') < 400.ms; errorRate < 1.percent }}: what must
 * hold at the end of the run. Percentiles, max and mean read the latency measured from each call's
 * intended start; {@code service.p99} and {@code lag.p99} read the other two timings. Each word
 * takes an optional step ({@code p99('GET /catalog')}) or {@code step:}/{@code phase:}.
 */
@CompileStatic
class AssertionsSpec {
    private final DslContext ctx
    @PackageScope final List<Assertion> assertions = []

    AssertionsSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** The service time (end − actual start): {@code service.p99 < 200.ms}. */
    TimingRefs getService() { new TimingRefs(this, Assertion.Timing.SERVICE) }

    /** The schedule lag (actual − intended start): {@code lag.p99 < 5.ms}. */
    TimingRefs getLag() { new TimingRefs(this, Assertion.Timing.LAG) }

    /**
     * A named timing a protocol records on its steps (HTTP's {@code connect}, {@code first_byte}...,
     * or a protocol's own such as {@code ttft}): {@code timing('ttft').p95 < 500.ms}.
     */
    TimingRefs timing(String name) { new TimingRefs(this, Assertion.Timing.LATENCY, name, "timing('${name}')") }

    /** The total of a named counter a protocol keeps on its steps: {@code counter('tokens') > 1000}. */
    MetricRef counter(String name) { new MetricRef(this, Assertion.Stat.COUNTER, null, null, null, "counter('${name}')", name) }

    /** The total of a named counter on one step: {@code counter('tokens', 'POST /chat') > 1000}. */
    MetricRef counter(String name, String step) {
        new MetricRef(this, Assertion.Stat.COUNTER, null, step, null, "counter('${name}', '${step}')", name)
    }

    /** Latency, the median. */
    MetricRef getP50() { ref(Assertion.Stat.P50, Assertion.Timing.LATENCY, null, null, 'p50') }

    /** Latency of one step, the median: {@code p50('GET /catalog')}. */
    MetricRef p50(String step) { ref(Assertion.Stat.P50, Assertion.Timing.LATENCY, step, null, "p50('${step}')") }

    /** Latency of a step and/or phase, the median: {@code p50(phase: 'peak')}. */
    MetricRef p50(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.P50, Assertion.Timing.LATENCY, scope, 'p50')
    }

    /** Latency, the 90th percentile. */
    MetricRef getP90() { ref(Assertion.Stat.P90, Assertion.Timing.LATENCY, null, null, 'p90') }

    /** Latency of one step, the 90th percentile: {@code p90('GET /catalog')}. */
    MetricRef p90(String step) { ref(Assertion.Stat.P90, Assertion.Timing.LATENCY, step, null, "p90('${step}')") }

    /** Latency of a step and/or phase, the 90th percentile: {@code p90(phase: 'peak')}. */
    MetricRef p90(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.P90, Assertion.Timing.LATENCY, scope, 'p90')
    }

    /** Latency, the 95th percentile. */
    MetricRef getP95() { ref(Assertion.Stat.P95, Assertion.Timing.LATENCY, null, null, 'p95') }

    /** Latency of one step, the 95th percentile: {@code p95('GET /catalog')}. */
    MetricRef p95(String step) { ref(Assertion.Stat.P95, Assertion.Timing.LATENCY, step, null, "p95('${step}')") }

    /** Latency of a step and/or phase, the 95th percentile: {@code p95(phase: 'peak')}. */
    MetricRef p95(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.P95, Assertion.Timing.LATENCY, scope, 'p95')
    }

    /** Latency, the 99th percentile. */
    MetricRef getP99() { ref(Assertion.Stat.P99, Assertion.Timing.LATENCY, null, null, 'p99') }

    /** Latency of one step, the 99th percentile: {@code p99('GET /catalog')}. */
    MetricRef p99(String step) { ref(Assertion.Stat.P99, Assertion.Timing.LATENCY, step, null, "p99('${step}')") }

    /** Latency of a step and/or phase, the 99th percentile: {@code p99(phase: 'peak')}. */
    MetricRef p99(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.P99, Assertion.Timing.LATENCY, scope, 'p99')
    }

    /** Latency, the 99.9th percentile. */
    MetricRef getP999() { ref(Assertion.Stat.P999, Assertion.Timing.LATENCY, null, null, 'p999') }

    /** Latency of one step, the 99.9th percentile: {@code p999('GET /catalog')}. */
    MetricRef p999(String step) { ref(Assertion.Stat.P999, Assertion.Timing.LATENCY, step, null, "p999('${step}')") }

    /** Latency of a step and/or phase, the 99.9th percentile: {@code p999(phase: 'peak')}. */
    MetricRef p999(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.P999, Assertion.Timing.LATENCY, scope, 'p999')
    }

    /** Latency, the largest. */
    MetricRef getMax() { ref(Assertion.Stat.MAX, Assertion.Timing.LATENCY, null, null, 'max') }

    /** Latency of one step, the largest: {@code max('GET /catalog')}. */
    MetricRef max(String step) { ref(Assertion.Stat.MAX, Assertion.Timing.LATENCY, step, null, "max('${step}')") }

    /** Latency of a step and/or phase, the largest: {@code max(phase: 'peak')}. */
    MetricRef max(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.MAX, Assertion.Timing.LATENCY, scope, 'max')
    }

    /** Latency, the mean. */
    MetricRef getMean() { ref(Assertion.Stat.MEAN, Assertion.Timing.LATENCY, null, null, 'mean') }

    /** Latency of one step, the mean: {@code mean('GET /catalog')}. */
    MetricRef mean(String step) { ref(Assertion.Stat.MEAN, Assertion.Timing.LATENCY, step, null, "mean('${step}')") }

    /** Latency of a step and/or phase, the mean: {@code mean(phase: 'peak')}. */
    MetricRef mean(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.MEAN, Assertion.Timing.LATENCY, scope, 'mean')
    }

    /** the share of calls that failed: {@code errorRate < 1.percent}. */
    MetricRef getErrorRate() { ref(Assertion.Stat.ERROR_RATE, null, null, null, 'errorRate') }

    /** Of one step. */
    MetricRef errorRate(String step) { ref(Assertion.Stat.ERROR_RATE, null, step, null, "errorRate('${step}')") }

    /** Of a step and/or phase: {@code errorRate(phase: 'peak')}. */
    MetricRef errorRate(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.ERROR_RATE, null, scope, 'errorRate')
    }

    /** requests per second achieved: {@code rate > 190}. */
    MetricRef getRate() { ref(Assertion.Stat.RATE, null, null, null, 'rate') }

    /** Of one step. */
    MetricRef rate(String step) { ref(Assertion.Stat.RATE, null, step, null, "rate('${step}')") }

    /** Of a step and/or phase: {@code rate(phase: 'peak')}. */
    MetricRef rate(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.RATE, null, scope, 'rate')
    }

    /** load achieved over load planned: {@code achievedRate > 99.percent}. */
    MetricRef getAchievedRate() { ref(Assertion.Stat.ACHIEVED_RATE, null, null, null, 'achievedRate') }

    /** Of one step. */
    MetricRef achievedRate(String step) { ref(Assertion.Stat.ACHIEVED_RATE, null, step, null, "achievedRate('${step}')") }

    /** Of a step and/or phase: {@code achievedRate(phase: 'peak')}. */
    MetricRef achievedRate(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.ACHIEVED_RATE, null, scope, 'achievedRate')
    }

    /** arrivals dropped at the concurrency cap: {@code dropped == 0} or {@code dropped < 1.percent}. */
    MetricRef getDropped() { ref(Assertion.Stat.DROPPED, null, null, null, 'dropped') }

    /** Of one step. */
    MetricRef dropped(String step) { ref(Assertion.Stat.DROPPED, null, step, null, "dropped('${step}')") }

    /** Of a step and/or phase: {@code dropped(phase: 'peak')}. */
    MetricRef dropped(@NamedParams([@NamedParam(value = 'step', type = String), @NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        scoped(Assertion.Stat.DROPPED, null, scope, 'dropped')
    }

    /**
     * iterations whose user code threw (not calls): {@code iterationErrors == 0} or
     * {@code iterationErrors < 1.percent} of the iterations started.
     */
    MetricRef getIterationErrors() { ref(Assertion.Stat.ITERATION_ERRORS, null, null, null, 'iterationErrors') }

    /** Of one phase: {@code iterationErrors(phase: 'peak') == 0}. */
    MetricRef iterationErrors(@NamedParams([@NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        for (String k : scope.keySet()) if (k != 'phase') ctx.problem("'${k}' is not a scope of iterationErrors (valid: phase)", k)
        scoped(Assertion.Stat.ITERATION_ERRORS, null, [phase: scope.phase] as Map<String, Object>, 'iterationErrors')
    }

    /** How evenly calls spread across backends, 1 − coefficient of variation: {@code balance > 95.percent}. */
    MetricRef getBalance() { new MetricRef(this, Assertion.Stat.SCORE, null, null, null, 'balance', 'balance') }

    /** Of one phase: {@code balance(phase: 'steady') > 95.percent}. */
    MetricRef balance(@NamedParams([@NamedParam(value = 'phase', type = String)]) Map<String, Object> scope) {
        for (String k : scope.keySet()) if (k != 'phase') ctx.problem("'${k}' is not a scope of balance (valid: phase)", k)
        String phase = scope.phase?.toString()
        new MetricRef(this, Assertion.Stat.SCORE, null, null, phase, phase == null ? 'balance()' : "balance(phase: '${phase}')".toString(), 'balance')
    }

    /**
     * The score of one of the scenario's analyses by its name, from 0 % to 100 %:
     * {@code score('balance') > 95.percent} is {@code balance > 95.percent}.
     */
    MetricRef score(String analysis) { new MetricRef(this, Assertion.Stat.SCORE, null, null, null, "score('${analysis}')".toString(), analysis) }

    @PackageScope MetricRef ref(Assertion.Stat stat, Assertion.Timing timing, String step, String phase, String text) {
        new MetricRef(this, stat, timing, step, phase, text)
    }

    @PackageScope MetricRef scoped(Assertion.Stat stat, Assertion.Timing timing, Map<String, Object> scope, String word) {
        for (String k : scope.keySet()) {
            if (k != 'step' && k != 'phase') ctx.problem("'${k}' is not a scope of ${word} (valid: phase, step)", k)
        }
        String step = scope.step?.toString()
        String phase = scope.phase?.toString()
        String text = "${word}(" + [step == null ? null : "step: '${step}'", phase == null ? null : "phase: '${phase}'"].findAll().join(', ') + ')'
        new MetricRef(this, stat, timing, step, phase, text)
    }

    /** A bound's value as an assertion's text shows it: {@code 100ms}, {@code 2%}, {@code 190}. */
    @PackageScope static String bound(Object limit) {
        if (limit instanceof java.time.Duration) return io.barrage.engine.format.Durations.format((java.time.Duration) limit)
        if (limit instanceof Number) return io.barrage.engine.format.Numbers.format(((Number) limit).doubleValue())
        String.valueOf(limit)
    }

    @PackageScope void add(MetricRef ref, String op, Object limit, String text) {
        Assertion.Unit unit
        double value
        if (limit instanceof java.time.Duration) {
            unit = Assertion.Unit.MILLIS
            value = ((java.time.Duration) limit).toNanos() / 1e6d
        } else if (limit instanceof Percent) {
            unit = Assertion.Unit.FRACTION
            value = ((Percent) limit).fraction
        } else if (limit instanceof Number) {
            unit = ref.stat == Assertion.Stat.RATE ? Assertion.Unit.PER_SECOND : Assertion.Unit.COUNT
            value = ((Number) limit).doubleValue()
        } else {
            ctx.problem("${ref.text} is compared with ${PhasesSpec.describe(limit)}: use a duration (250.ms), a percentage (1.percent) or a number")
            return
        }
        Assertion.Op cmp = Assertion.Op.fromSymbol(op)
        assertions << ctx.mark(new Assertion(ref.stat, ref.timing, cmp, value, unit, ref.step, ref.phase, text, ref.metric))
    }
}
