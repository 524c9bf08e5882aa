package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.engine.model.Assertion

/** {@code service.p99}, {@code lag.p95}...: percentiles of the service time or the schedule lag. */
@CompileStatic
class TimingRefs {
    private final AssertionsSpec spec
    private final Assertion.Timing timing

    TimingRefs(AssertionsSpec spec, Assertion.Timing timing) {
        this.spec = spec
        this.timing = timing
    }

    /** The median. */
    MetricRef getP50() { spec.ref(Assertion.Stat.P50, timing, null, null, "${timing.word()}.p50") }

    /** The median of one step. */
    MetricRef p50(String step) { spec.ref(Assertion.Stat.P50, timing, step, null, "${timing.word()}.p50('${step}')") }

    /** The 90th percentile. */
    MetricRef getP90() { spec.ref(Assertion.Stat.P90, timing, null, null, "${timing.word()}.p90") }

    /** The 90th percentile of one step. */
    MetricRef p90(String step) { spec.ref(Assertion.Stat.P90, timing, step, null, "${timing.word()}.p90('${step}')") }

    /** The 95th percentile. */
    MetricRef getP95() { spec.ref(Assertion.Stat.P95, timing, null, null, "${timing.word()}.p95") }

    /** The 95th percentile of one step. */
    MetricRef p95(String step) { spec.ref(Assertion.Stat.P95, timing, step, null, "${timing.word()}.p95('${step}')") }

    /** The 99th percentile. */
    MetricRef getP99() { spec.ref(Assertion.Stat.P99, timing, null, null, "${timing.word()}.p99") }

    /** The 99th percentile of one step. */
    MetricRef p99(String step) { spec.ref(Assertion.Stat.P99, timing, step, null, "${timing.word()}.p99('${step}')") }

    /** The 99.9th percentile. */
    MetricRef getP999() { spec.ref(Assertion.Stat.P999, timing, null, null, "${timing.word()}.p999") }

    /** The 99.9th percentile of one step. */
    MetricRef p999(String step) { spec.ref(Assertion.Stat.P999, timing, step, null, "${timing.word()}.p999('${step}')") }

    /** The largest. */
    MetricRef getMax() { spec.ref(Assertion.Stat.MAX, timing, null, null, "${timing.word()}.max") }

    /** The largest of one step. */
    MetricRef max(String step) { spec.ref(Assertion.Stat.MAX, timing, step, null, "${timing.word()}.max('${step}')") }

    /** The mean. */
    MetricRef getMean() { spec.ref(Assertion.Stat.MEAN, timing, null, null, "${timing.word()}.mean") }

    /** The mean of one step. */
    MetricRef mean(String step) { spec.ref(Assertion.Stat.MEAN, timing, step, null, "${timing.word()}.mean('${step}')") }
}
