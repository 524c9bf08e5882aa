package io.barrage.dsl

import io.barrage.engine.output.Output
import io.barrage.engine.output.RunEvent
import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.Specification

/** abortWhen: a budget spent by user code, an error rate over a window; each trip an event, exit 3, the reason. */
class AbortWhenSpec extends Specification {

    private static RunSummary run(String script, List<RunEvent> events = new CopyOnWriteArrayList<RunEvent>()) {
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/budget.groovy', script).load([:])
        def listening = new Output() {
            @Override void onEvent(RunEvent e) { events << e }
        }
        Run.start(loaded.plan, RunOptions.defaults().withTickInterval(Duration.ofMillis(250)).withOutputs([listening])).await()
    }

    def "an organisation that spends its budget aborts the run, naming the guardrail and the amount, the others' numbers kept"() {
        given:
        def events = new CopyOnWriteArrayList<RunEvent>()

        when:
        RunSummary summary = run('''\
sim()
scenario('org-1') {
    user { http.post('/echo', json: [org: 1]) }
    phases { hold 'h', rate: 20, for: 10.s }
}
scenario('org-2') {
    user {
        http.post('/echo', json: [org: 2], step: 'chat')
        count 'cost', 2
    }
    guardrails { abortWhen counter('cost') > 40 }
    phases { hold 'h', rate: 40, for: 10.s }
}
''', events)

        then:
        summary.status() == 'aborted'
        summary.exitCode() == 3
        summary.reason().startsWith("guardrail abortWhen counter('cost') > 40 (scenario org-2): cost is ")
        summary.durationSeconds() < 5
        events.any { it.type() == RunEvent.TYPE_GUARDRAIL && it.scenario() == 'org-2' && it.data().rule == "counter('cost') > 40" }
        summary.scenario('org-1').total().requests() > 0
        summary.scenario('org-1').total().errors() == 0
    }

    def "an error rate over its window aborts the run once enough calls failed"() {
        when:
        RunSummary summary = run('''\
guardrails { abortWhen errorRate > 50.percent, over: 2.s }
scenario('down') {
    target 'http://127.0.0.1:1'
    user { http.get('/x') }
    phases { hold 'h', rate: 40, for: 10.s }
}
''')

        then:
        summary.status() == 'aborted'
        summary.reason() ==~ /guardrail abortWhen errorRate > 50.percent: 100% of \d+ calls failed in the last 2s/
        summary.durationSeconds() < 5
    }

    def "a bound of the wrong kind, a window on a counter and a guardrail that cannot trip are problems at their lines"() {
        when:
        new ScenarioCompiler(null, 'test').compile('scripts/bad.groovy', '''\
sim()
guardrails {
    abortWhen errorRate > 10
    abortWhen counter('cost') > 5, over: 3.s
    abortWhen errorRate < 10.percent
}
scenario('s') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 1, for: 1.s }
}
''').load([:])

        then:
        def e = thrown(ScriptException)
        def problems = e.problems*.toString()
        problems.any { it.startsWith('scripts/bad.groovy:3:') && it.contains("an error rate's bound is a percentage such as 10.percent") }
        problems.any { it.startsWith('scripts/bad.groovy:4:') && it.contains("a counter's total counts from the start; over: is for errorRate") }
        problems.any { it.startsWith('scripts/bad.groovy:5:') && it.contains('a guardrail trips when a figure passes a bound: write > or >=') }
    }

    def "scenarios made in a loop keep their assertions, and a guardrail under an if is read as one"() {
        when:
        def plan = new ScenarioCompiler(null, 'test').compile('scripts/orgs.groovy', '''\
def sizes = groupSizes(3, fixed(2))
sim()
(1..3).each { int i ->
    scenario("org-${i}") {
        user { http.get('/fast') }
        if (i == 2) guardrails { abortWhen counter('tokens') > 10 }
        phases { hold 'h', users: sizes[i - 1], for: 1.s }
        assertions { p95 < 100.ms }
    }
}
''').load([:]).plan

        then:
        plan.scenarios()*.name() == ['org-1', 'org-2', 'org-3']
        plan.scenarios().every { it.assertions().size() == 1 }
        plan.scenarios()*.guardrails()*.abortWhen()*.size() == [0, 1, 0]
        plan.scenarios()[1].guardrails().abortWhen()[0].text() == "counter('tokens') > 10"
    }

    def "maxIterations starts exactly so many iterations, every scenario's together or one scenario's, then stops the run"() {
        given:
        def events = new CopyOnWriteArrayList<RunEvent>()

        when:
        RunSummary all = run('''\
sim()
guardrails { maxIterations 30 }
scenario('open') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 40, for: 10.s }
}
scenario('closed') {
    user { http.get('/fast') }
    think 50.ms
    phases { hold 'h', users: 2, for: 10.s }
}
''', events)
        RunSummary one = run('''\
sim()
scenario('jobs') {
    user { http.get('/fast') }
    guardrails { maxIterations 12 }
    phases { hold 'h', rate: 40, for: 10.s }
}
''')

        then:
        all.exitCode() == 3
        all.reason() == 'guardrail maxIterations 30 reached'
        all.scenario('open').iterations() + all.scenario('closed').iterations() == 30
        all.scenario('open').total().requests() + all.scenario('closed').total().requests() == 30
        events.count { it.type() == RunEvent.TYPE_GUARDRAIL && it.data().guardrail == 'maxIterations' } == 1
        one.exitCode() == 3
        one.reason() == 'guardrail maxIterations 12 reached (scenario jobs)'
        one.scenario('jobs').iterations() == 12
    }
}
