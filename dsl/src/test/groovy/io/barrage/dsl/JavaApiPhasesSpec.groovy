package io.barrage.dsl

import static io.barrage.api.Barrage.*
import static java.time.Duration.ZERO
import static java.time.Duration.ofSeconds

import io.barrage.engine.model.Phase
import spock.lang.Specification

/** Every phase the DSL writes, for rate: and users:, is the phase the Java API builds: same model, length and value over time. */
class JavaApiPhasesSpec extends Specification {
    static final List<Double> SECONDS = [0, 0.5, 1.5, 3, 7, 12.25, 19, 29.9]

    Phase dsl(String line) {
        def loaded = new ScenarioCompiler().compile('phases.groovy', """
            scenario('s') {
                target 'http://127.0.0.1:8080'
                user { }
                phases { ${line} }
            }
        """).load([:])
        loaded.plan.scenarios()[0].phases()[0]
    }

    def "#line is #java.pattern().describe() in the Java API"() {
        when:
        Phase built = dsl(line)

        then:
        built.name() == java.name()
        built.model() == java.model()
        built.durationNanos() == java.durationNanos()
        SECONDS.collect { built.pattern().valueAt((long) (it * 1e9)) } == SECONDS.collect { java.pattern().valueAt((long) (it * 1e9)) }
        built.pattern().describe() == java.pattern().describe()

        where:
        line                                                                              | java
        "hold 'p', rate: 20, for: 30.s"                                                   | holdRate('p', 20, ofSeconds(30))
        "ramp 'p', users: 2..10, over: 30.s"                                              | rampUsers('p', 2, 10, ofSeconds(30))
        "sine 'p', rate: 50, amplitude: 20, period: 10.s, for: 30.s"                      | sineRate('p', 50, 20, ofSeconds(10), ofSeconds(30))
        "sine 'p', users: 6, amplitude: 4, period: 10.s, for: 30.s"                       | sineUsers('p', 6, 4, ofSeconds(10), ofSeconds(30))
        "sine 'p', users: 6, amplitude: 4, period: 10.s, phase: 1.5, for: 30.s"           | users('p', sine(6, 4, ofSeconds(10), 1.5, ofSeconds(30)))
        "burst 'p', rate: 80, base: 5, length: 2.s, every: 10.s, times: 3"                | burstRate('p', 80, 5, ofSeconds(2), ofSeconds(10), 3)
        "burst 'p', users: 8, base: 1, length: 2.s, every: 10.s, times: 3"                | burstUsers('p', 8, 1, ofSeconds(2), ofSeconds(10), 3)
        "step 'p', rate: [10, 20, 30], every: 5.s, repeat: 2"                             | stepRate('p', [10d, 20d, 30d], ofSeconds(5), 2)
        "step 'p', users: [1, 2, 3], every: 5.s, repeat: 2"                               | stepUsers('p', [1d, 2d, 3d], ofSeconds(5), 2)
        "points 'p', rate: [(0.s): 10, (4.s): 50, (8.s): 20], loop: true, for: 30.s"     | pointsRate('p', [point(ZERO, 10), point(ofSeconds(4), 50), point(ofSeconds(8), 20)], true, ofSeconds(30))
        "points 'p', users: [(0.s): 1, (10.s): 9]"                                        | pointsUsers('p', [point(ZERO, 1), point(ofSeconds(10), 9)], false, null)
        "spike 'p', rate: 300, for: 20.s"                                                 | spikeRate('p', 300, ofSeconds(20))
        "spike 'p', users: 30, for: 20.s"                                                 | spikeUsers('p', 30, ofSeconds(20))
        "spike 'p', users: 30, base: 2, rise: 2.s, for: 20.s, fall: 3.s"                  | users('p', spike(30, 2, ofSeconds(2), ofSeconds(20), ofSeconds(3)))
        "expr 'p', rate: { double t -> 10 + 2 * t }, for: 30.s"                           | expressionRate('p', { double t -> 10 + 2 * t }, ofSeconds(30))
        "expr 'p', users: { double t -> t < 10 ? 3 : 6 }, for: 30.s"                      | expressionUsers('p', { double t -> t < 10 ? 3 : 6 }, ofSeconds(30))
    }

    def "a phase of the Java API is validated with the plan, with the DSL's words"() {
        expect:
        new io.barrage.engine.run.TestPlan('t', [new io.barrage.engine.model.Scenario('s', [sineUsers('w', -1, 0, ofSeconds(10), ZERO)],
                null, 1, null, 1, [], [:])], [:]).validate()*.toString().findAll { it.contains("phase 'w'") } ==
                ["scenario 's' › phase 'w': users must be ≥ 0, got -1", "scenario 's' › phase 'w': for must be > 0, got 0s"]
    }
}
