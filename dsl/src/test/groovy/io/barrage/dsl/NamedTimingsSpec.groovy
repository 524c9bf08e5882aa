package io.barrage.dsl

import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import spock.lang.Specification

/** {@code timing('name')} and {@code counter('name')} in a script's assertions: a protocol's own numbers, judged by name. */
class NamedTimingsSpec extends Specification {

    RunSummary run(String text) {
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/named.groovy', text).load([:])
        Run.start(loaded.plan, RunOptions.defaults().withTickInterval(java.time.Duration.ofMillis(200))).await()
    }

    def "HTTP's phase timings are judged by name, as a protocol's own would be"() {
        when:
        def summary = run('''\
sim { latency 20.ms }
scenario('named') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 20, for: 1.s }
    assertions {
        timing('first_byte').p95 < 5.s
        timing('first_byte').p50('GET /fast') > 0.ms
        timing('body').max < 1.ms
        counter('tokens') > 0
    }
}
''')

        then:
        summary.assertions()*.text() == ["timing('first_byte').p95 < 5.s", "timing('first_byte').p50('GET /fast') > 0.ms",
                                         "timing('body').max < 1.ms", "counter('tokens') > 0"]
        summary.assertions()[0].passed()
        summary.assertions()[1].passed()
        summary.assertions()[3].actual() == "n/a (no counter 'tokens' was recorded)"
        !summary.assertions()[3].passed()
    }

    def "a named timing judged per phase is a problem at its line"() {
        when:
        new ScenarioCompiler(null, 'test').compile('scripts/named.groovy', '''\
sim()
scenario('named') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 20, for: 1.s }
    assertions {
        timing('first_byte').p95 < 5.s
        counter('Tokens') > 0
    }
}
''').load([:])

        then:
        def e = thrown(ScriptException)
        e.message.contains("scripts/named.groovy:7")
        e.message.contains("'Tokens' is not a counter name")
    }
}
