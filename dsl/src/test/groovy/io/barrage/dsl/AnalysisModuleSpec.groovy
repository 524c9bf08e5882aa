package io.barrage.dsl

import io.barrage.engine.output.Output
import io.barrage.engine.output.RunEvent
import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.Specification

/** An analysis of one's own: one class plus its registration with the scenario; user code feeds its tally by name. */
class AnalysisModuleSpec extends Specification {

    def "a script adds an analysis, user code tallies calls, and the score is in the timeline, the summary, the events and the assertions"() {
        given:
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/hits.groovy', '''\
sim()
scenario('cache') {
    analysis new io.barrage.dsl.testing.HitRatio(0.9)
    user {
        http.get('/fast')
        tally 'cache', user % 4 == 0 ? 'miss' : 'hit'
    }
    phases { hold 'h', rate: 40, for: 1.s }
    assertions {
        score('hits') > 70.percent
        score('hits') > 80.percent
    }
}
''').load([:])
        def events = new CopyOnWriteArrayList<RunEvent>()
        def listening = new Output() {
            @Override void onEvent(RunEvent e) { events << e }
        }

        when:
        RunSummary summary = Run.start(loaded.plan, RunOptions.defaults().withTickInterval(Duration.ofMillis(200))
                .withOutputs([listening])).await()
        def s = summary.scenario('cache')

        then:
        summary.assertions()*.passed() == [true, false]
        summary.assertions()[1].actual() == '75%'
        s.analyses().hits == [hit: 30, miss: 10]
        s.timeline().any { it.analyses().containsKey('hitRatio') }
        events.findAll { it.type() == 'hits' }*.message() == ['hit ratio under 0.9']
    }

    def "an assertion on an analysis the scenario lacks, and a bad analysis, are problems at their lines"() {
        when:
        new ScenarioCompiler(null, 'test').compile('scripts/bad.groovy', '''\
sim()
scenario('cache') {
    analysis new io.barrage.dsl.testing.HitRatio(2)
    user { http.get('/fast') }
    phases { hold 'h', rate: 1, for: 1.s }
    assertions { score('misses') > 1.percent }
}
''').load([:])

        then:
        def e = thrown(ScriptException)
        def problems = e.problems*.toString()
        problems.any { it.startsWith('scripts/bad.groovy:3:') && it.contains('hits: alarm must be between 0 and 1') }
        problems.any { it.startsWith('scripts/bad.groovy:6:') && it.contains("'misses' is not analysed in scenario 'cache' (its analyses: hits)") }
    }
}
