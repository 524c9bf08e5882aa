package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.engine.model.Assertion

/** {@code service.p99}, {@code lag.p95}...: percentiles of the service time or the schedule lag. */
@CompileStatic
class TimingRefs {
    private final AssertionsSpec spec
    private final Assertion.Timing timing
    /** A protocol's named timing ({@code timing('ttft')}), or null for service/lag. */
    private final String metric
    private final String word

    TimingRefs(AssertionsSpec spec, Assertion.Timing timing) {
        this(spec, timing, null, timing.word())
    }

    TimingRefs(AssertionsSpec spec, Assertion.Timing timing, String metric, String word) {
        this.spec = spec
        this.timing = timing
        this.metric = metric
        this.word = word
    }

    private MetricRef ref(Assertion.Stat stat, String step, String text) {
        new MetricRef(spec, stat, timing, step, null, text, metric)
    }

    /** The median. */
    MetricRef getP50() { ref(Assertion.Stat.P50, null, "${word}.p50") }

    /** The median of one step. */
    MetricRef p50(String step) { ref(Assertion.Stat.P50, step, "${word}.p50('${step}')") }

    /** The 90th percentile. */
    MetricRef getP90() { ref(Assertion.Stat.P90, null, "${word}.p90") }

    /** The 90th percentile of one step. */
    MetricRef p90(String step) { ref(Assertion.Stat.P90, step, "${word}.p90('${step}')") }

    /** The 95th percentile. */
    MetricRef getP95() { ref(Assertion.Stat.P95, null, "${word}.p95") }

    /** The 95th percentile of one step. */
    MetricRef p95(String step) { ref(Assertion.Stat.P95, step, "${word}.p95('${step}')") }

    /** The 99th percentile. */
    MetricRef getP99() { ref(Assertion.Stat.P99, null, "${word}.p99") }

    /** The 99th percentile of one step. */
    MetricRef p99(String step) { ref(Assertion.Stat.P99, step, "${word}.p99('${step}')") }

    /** The 99.9th percentile. */
    MetricRef getP999() { ref(Assertion.Stat.P999, null, "${word}.p999") }

    /** The 99.9th percentile of one step. */
    MetricRef p999(String step) { ref(Assertion.Stat.P999, step, "${word}.p999('${step}')") }

    /** The largest. */
    MetricRef getMax() { ref(Assertion.Stat.MAX, null, "${word}.max") }

    /** The largest of one step. */
    MetricRef max(String step) { ref(Assertion.Stat.MAX, step, "${word}.max('${step}')") }

    /** The mean. */
    MetricRef getMean() { ref(Assertion.Stat.MEAN, null, "${word}.mean") }

    /** The mean of one step. */
    MetricRef mean(String step) { ref(Assertion.Stat.MEAN, step, "${word}.mean('${step}')") }
}
