package io.barrage.dsl.testing

import groovy.transform.CompileStatic
import io.barrage.engine.analysis.Analysis
import io.barrage.engine.validation.Problem

/** Test-only analysis: the share of calls tallied 'hit' in the tally 'cache'; an event when it first drops under {@code alarm}. */
@CompileStatic
class HitRatio implements Analysis {
    final double alarm

    HitRatio(double alarm = 0.5) { this.alarm = alarm }

    @Override String name() { 'hits' }

    @Override double score(Map<String, Map<String, Long>> tallies) {
        Map<String, Long> t = tallies.getOrDefault('cache', [:])
        long all = (long) t.values().sum(0L)
        all == 0 ? Double.NaN : (t.getOrDefault('hit', 0L) as double) / all
    }

    @Override Map<String, Object> timeline(Map<String, Map<String, Long>> interval, double score) {
        Double.isNaN(score) ? [:] as Map<String, Object> : [hitRatio: (Object) (Math.round(score * 100) / 100.0d)]
    }

    @Override Analysis.Watch watch() {
        boolean said = false
        return { long from, long to, double score, Map<String, Map<String, Long>> interval ->
            if (said || !(score < alarm)) return null
            said = true
            new Analysis.Finding("hit ratio under ${alarm}".toString(), [:])
        } as Analysis.Watch
    }

    @Override Object summary(Map<String, Map<String, Long>> total, Map<String, Map<String, Map<String, Long>>> byPhase, Analysis.Watch watch) {
        [hit: total.getOrDefault('cache', [:]).getOrDefault('hit', 0L), miss: total.getOrDefault('cache', [:]).getOrDefault('miss', 0L)]
    }

    @Override List<Problem> validate(String where) {
        alarm >= 0 && alarm <= 1 ? [] as List<Problem> : [Problem.of(where, this, 'alarm', 'hits: alarm must be between 0 and 1')]
    }
}
