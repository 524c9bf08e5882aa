package io.barrage.dsl

import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import spock.lang.Specification

/** User code that throws, in a script: a failed iteration named by the script's own line, never a call. */
class UserCodeFailureSpec extends Specification {

    RunSummary run(String file, String text) {
        def loaded = new ScenarioCompiler(null, 'test').compile(file, text).load([:])
        Run.start(loaded.plan, RunOptions.defaults().withTickInterval(java.time.Duration.ofMillis(200))).await()
    }

    def "an iteration that calls, thinks and throws counts its call alone: 100 requests at 20/s, the throw as an iteration error at its line"() {
        when: 'the scenario of issue 19, as a user wrote it'
        def summary = run('scripts/think-then-throw.groovy', '''\
sim { latency 1.ms }
scenario('think-then-throw') {
    user { http.get('/fast'); think 400.ms; if (iteration >= 0) throw new IllegalStateException('x') }
    phases { hold 'h', rate: 20, for: 5.s }
    assertions { p99 < 100.ms }
}
''')
        def s = summary.scenario('think-then-throw')

        then: 'requests, req/s and latency are the protocol calls only'
        s.total().requests() == 100
        s.total().rate() == 20.0d
        s.total().errors() == 0
        s.steps()*.name() == ['GET /fast']
        s.total().latency().p99() == s.steps()[0].stats().latency().p99()   // no 400 ms think in it

        and: 'each failed iteration is counted by kind, with its message and the line that threw'
        s.iterations() == 100
        s.iterationErrors().count() == 100
        s.iterationErrors().kinds()*.kind() == ['IllegalStateException']
        s.iterationErrors().kinds()[0].where() == 'scripts/think-then-throw.groovy:3'
        s.iterationErrors().kinds()[0].message() == 'x'
        summary.warnings().any { it.contains('100 of 100 iterations failed in user code') && it.contains('no assertion judges it') }
    }

    def "a setup that throws names the script's line in the run's reason"() {
        when:
        def summary = run('scripts/login.groovy', '''\
sim()
scenario('login') {
    setup {
        int zero = 0
        1 / zero
    }
    user { http.get('/fast') }
    phases { hold 'h', rate: 5, for: 1.s }
}
''')

        then:
        summary.exitCode() == 4
        summary.reason() == "scripts/login.groovy:5: setup of scenario 'login' failed: ArithmeticException: Division by zero"
        summary.generator().scheduler() == 'no load ran'
    }

    def "an iterationErrors assertion judges failed iterations, as a count or a share"() {
        when:
        def summary = run('scripts/judged.groovy', '''\
sim()
scenario('judged') {
    user { if (user % 2 == 0) throw new IllegalArgumentException("even user ${user}") }
    phases { hold 'h', rate: 20, for: 1.s }
    assertions {
        iterationErrors < 60.percent
        iterationErrors == 0
    }
}
''')

        then:
        summary.assertions()*.passed() == [true, false]
        summary.assertions()*.actual() == ['50%', '10']
        summary.scenario('judged').iterationErrors().kinds()[0].message() == 'even user 0'   // the first message seen
        summary.exitCode() == 1
    }

    def "a pause that cannot be is a mistake named at its line, in barrage's words"() {
        when:
        def summary = run('scripts/pause.groovy', '''\
sim()
scenario('pause') {
    user {
        think(-1.s)
    }
    phases { hold 'h', rate: 5, for: 1.s }
}
scenario('range') {
    user { think uniform(2.s, 1.s) }
    phases { hold 'h', rate: 5, for: 1.s }
}
''')

        then:
        summary.scenario('pause').iterationErrors().kinds()*.where() == ['scripts/pause.groovy:4']
        summary.scenario('pause').iterationErrors().kinds()*.message() == ['think -1s: a pause must be ≥ 0']
        summary.scenario('range').iterationErrors().kinds()*.where() == ['scripts/pause.groovy:9']
        summary.scenario('range').iterationErrors().kinds()[0].message().startsWith('think uniform(2s, 1s): ')
    }
}
