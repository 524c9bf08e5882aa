package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.engine.model.Assertion

/**
 * The left side of an assertion ({@code p95}, {@code errorRate('GET /x')}). The script compiler
 * turns {@code p95 < 250.ms} into {@code p95.compare('<', 250.ms, 'p95 < 250.ms', 'p95', '250.ms')}.
 */
@CompileStatic
class MetricRef {
    private final AssertionsSpec spec
    @PackageScope final Assertion.Stat stat
    @PackageScope final Assertion.Timing timing
    @PackageScope final String step
    @PackageScope final String phase
    @PackageScope final String text
    /** A protocol's named timing or counter, or null. */
    @PackageScope final String metric

    MetricRef(AssertionsSpec spec, Assertion.Stat stat, Assertion.Timing timing, String step, String phase, String text) {
        this(spec, stat, timing, step, phase, text, null)
    }

    MetricRef(AssertionsSpec spec, Assertion.Stat stat, Assertion.Timing timing, String step, String phase, String text, String metric) {
        this.metric = metric
        this.spec = spec
        this.stat = stat
        this.timing = timing
        this.step = step
        this.phase = phase
        this.text = text
    }

    /**
     * Records the assertion {@code this op limit}. {@code text} is its source; {@code left} and
     * {@code right} are the source of each side where it is written out, null where it is computed
     * (a variable): the assertion's text then shows the metric and the bound's value instead.
     */
    void compare(String op, Object limit, String text, String left, String right) {
        spec.add(this, op, limit, left != null && right != null ? text
                : (left ?: this.text) + ' ' + op + ' ' + (right ?: AssertionsSpec.bound(limit)))
    }
}
