package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import groovy.transform.PackageScope
import io.barrage.balance.Balance
import java.time.Duration

/**
 * {@code balance { header 'X-Pod'; backends 'a', 'b', 'c'; threshold 95.percent, for: 10.s }}: count
 * which backend answered each call and score how evenly they spread. Against a simulated service
 * of several backends it is on without asking.
 */
@CompileStatic
class BalanceSpec {
    private final DslContext ctx
    private String header = Balance.DEFAULT_HEADER
    private boolean byTarget
    private List<String> backends = []
    private Map<String, Double> weights = [:]
    private double threshold = 0.95
    private Duration sustain = Duration.ofSeconds(5)

    BalanceSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** The response header naming the backend (default X-Backend). */
    void header(String name) {
        header = name
    }

    /** Count by the host:port each call went to, for scenarios that spread calls over several targets themselves. */
    void byTarget() {
        byTarget = true
    }

    /** The backends expected, so one that gets nothing counts as 0. */
    void backends(String... names) {
        backends = names.toList()
    }

    /** Expected shares for a weighted balancer: {@code weights b1: 3, b2: 1}. */
    void weights(Map<String, Object> w) {
        Map<String, Double> out = [:]
        w.each { String k, Object v ->
            if (v instanceof Number && ((Number) v).doubleValue() > 0) out.put(k, ((Number) v).doubleValue())
            else ctx.problem("weight of ${k} must be a number > 0, got '${v}'", k)
        }
        weights = out
    }

    /** A score under this for 5 s is an imbalance event (default 95%). */
    void threshold(Percent t) {
        threshold = t.fraction
    }

    /** {@code threshold 90.percent, for: 10.s}. */
    void threshold(@NamedParams([@NamedParam(value = 'for', type = Duration)]) Map<String, Object> options, Percent t) {
        threshold = t.fraction
        for (String k : options.keySet()) if (k != 'for') ctx.problem("'${k}' is not a setting of threshold (valid: for)", k)
        if (options.for instanceof Duration) sustain = (Duration) options.for
    }

    @PackageScope Balance build() {
        new Balance(header, byTarget, backends, weights, threshold, sustain)
    }
}
