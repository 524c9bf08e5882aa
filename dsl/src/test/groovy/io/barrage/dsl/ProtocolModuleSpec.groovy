package io.barrage.dsl

import io.barrage.api.Barrage
import io.barrage.dsl.testing.TickerProtocol
import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import java.time.Duration
import spock.lang.Specification

/** A protocol of one's own: one class plus its registration with the scenario, in a script and in the Java API. */
class ProtocolModuleSpec extends Specification {

    static RunSummary run(io.barrage.engine.run.TestPlan plan) {
        Run.start(plan, RunOptions.defaults().withTickInterval(Duration.ofMillis(200))).await()
    }

    def "a script registers a protocol, its users reach it by name, and its timing and counter are asserted"() {
        given:
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/ticks.groovy', '''\
sim()
scenario('ticks') {
    protocol new io.barrage.dsl.testing.TickerProtocol()
    user {
        client('ticker').tick(5)
        http.get('/fast')
    }
    phases { hold 'h', rate: 20, for: 1.s }
    assertions {
        timing('ttft').p95 < 100.ms
        timing('ttft').max('TICK') < 2.ms
        counter('tokens') == 100
        counter('tokens', 'TICK') >= 100
        p99('TICK') < 1.s
    }
}
''').load([:])

        when:
        def summary = run(loaded.plan)
        def s = summary.scenario('ticks')
        def tick = s.steps().find { it.name() == 'TICK' }

        then:
        summary.status() == 'passed'
        summary.assertions().every { it.passed() }
        s.steps()*.name().toSet() == ['TICK', 'GET /fast'] as Set
        tick.stats().requests() == 20
        tick.counters() == [tokens: 100L]
        tick.timings().ttft.count() == 20
        s.total().requests() == 40   // the protocol's calls count as calls, as HTTP's do
    }

    def "a script that reaches a protocol its scenario lacks fails the iteration at its line, naming the ones it has"() {
        given:
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/missing.groovy', '''\
sim()
scenario('missing') {
    user {
        client('redis').push('q', 1)
    }
    phases { hold 'h', rate: 5, for: 1.s }
}
''').load([:])

        when:
        def s = run(loaded.plan).scenario('missing')

        then:
        s.iterationErrors().count() == 5
        s.iterationErrors().kinds()[0].where() == 'scripts/missing.groovy:4'
        s.iterationErrors().kinds()[0].message() == "scenario 'missing' has no protocol 'redis' (its protocols: http)"
    }

    def "a second protocol of a name is a problem at its line"() {
        when:
        new ScenarioCompiler(null, 'test').compile('scripts/twice.groovy', '''\
sim()
scenario('twice') {
    protocol new io.barrage.dsl.testing.TickerProtocol()
    protocol new io.barrage.dsl.testing.TickerProtocol()
    user { client('ticker').tick(1) }
    phases { hold 'h', rate: 5, for: 1.s }
}
''').load([:])

        then:
        def e = thrown(ScriptException)
        e.message.contains("scripts/twice.groovy:4")
        e.message.contains("protocol 'ticker' is in scenario 'twice' already")
    }

    def "the Java API registers a protocol and its users reach it typed; each user's client is closed when the user is done"() {
        given:
        def ticker = new TickerProtocol()
        def plan = Barrage.plan('java').scenario(Barrage.scenario('ticks').target('http://127.0.0.1:1').protocol(ticker)
                .user({ http, vu -> vu.client('ticker', TickerProtocol.Ticker).tick(3) } as io.barrage.api.HttpUser)
                .phases(Barrage.holdRate('h', 20, Duration.ofSeconds(1)))).build()

        when:
        def s = run(plan).scenario('ticks')

        then:
        s.steps()*.name() == ['TICK']
        s.steps()[0].counters() == [tokens: 60L]
        ticker.opened.get() == 20
        ticker.closed.get() == 20
    }
}
