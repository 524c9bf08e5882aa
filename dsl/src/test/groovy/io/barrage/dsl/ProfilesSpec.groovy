package io.barrage.dsl

import io.barrage.engine.model.AbortRule
import io.barrage.engine.run.TestPlan
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.Specification
import spock.lang.TempDir

/** Saved load profiles: Groovy and YAML files found from a script, inline ones, their guardrails, and their problems at their own lines. */
class ProfilesSpec extends Specification {
    @TempDir Path project

    static final String GROOVY = '''\
description 'Morning peak'
tags 'daily', 'peak'
phases {
    ramp 'up', rate: 0..200, over: 10.s
    sine 'waves', rate: 200, amplitude: 50, period: 5.s, for: 20.s
    points 'tail', rate: [(0.s): 200, (5.s): 20], for: 5.s
}
guardrails {
    maxDuration 2.min
    maxRate 300
    abortWhen errorRate > 10.percent, over: 30.s
}
'''

    static final String YAML = '''\
description: Morning peak
tags: [daily, peak]
phases:
  - ramp: up
    rate: 0..200
    over: 10s
  - sine: waves
    rate: 200
    amplitude: 50
    period: 5s
    for: 20s
  - points: tail
    rate: {0s: 200, 5s: 20}
    for: 5s
guardrails:
  maxDuration: 2m
  maxRate: 300
  abortWhen:
    - errorRate > 10% over 30s
'''

    private Path file(String relative, String text) {
        Path p = project.resolve(relative)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
        p
    }

    private static TestPlan load(Path script) {
        new ScenarioCompiler().compile(script).load([:]).plan
    }

    private static String using(String profile) {
        """\
sim()
scenario('s') {
    user { http.get('/x') }
    phases profile('${profile}')
}
"""
    }

    def "a script in a subfolder finds the project's profiles; YAML and Groovy give the same phases and guardrails"() {
        given:
        file('profiles/peak-g.groovy', GROOVY)
        file('profiles/peak-y.yaml', YAML)

        when:
        TestPlan g = load(file('scenarios/g.groovy', using('peak-g')))
        TestPlan y = load(file('scenarios/y.groovy', using('peak-y')))

        then:
        g.scenarios()[0].phases()*.name() == ['up', 'waves', 'tail']
        y.scenarios()[0].phases() == g.scenarios()[0].phases()
        g.scenarios()[0].durationNanos() == Duration.ofSeconds(35).toNanos()
        // the caps and abort rules go to the scenario, maxDuration to the run
        [g, y].every { TestPlan p ->
            p.scenarios()[0].guardrails().maxRate() == 300 &&
                    p.scenarios()[0].guardrails().abortWhen().collect { AbortRule r -> [r.metric(), r.scenario(), r.limit(), r.over()] } == [['errorRate', 's', 0.1d, Duration.ofSeconds(30)]] &&
                    p.guardrails().maxDuration() == Duration.ofMinutes(2)
        }
    }

    def "a profile written in the script serves several scenarios"() {
        when:
        TestPlan plan = load(file('inline.groovy', '''\
sim()
profile('short') {
    phases { hold 'h', rate: 5, for: 2.s }
}
scenario('a') { user { http.get('/a') }; phases profile('short') }
scenario('b') { user { http.get('/b') }; phases profile('short') }
'''))

        then:
        plan.scenarios().collect { it.phases()*.name() } == [['h'], ['h']]
    }

    def "an unknown profile is a problem at the script's line, with the closest name and where it looked"() {
        given:
        file('profiles/peak-hour.yaml', YAML)

        when:
        load(file('s.groovy', using('peak-hours')))

        then:
        ScriptException e = thrown()
        e.problems*.toString().any {
            it.startsWith(project.resolve('s.groovy').toString() + ':4:') && it.contains("no profile 'peak-hours'; did you mean 'peak-hour'? (profiles: peak-hour; looked in ")
        }
    }

    def "a profile file's problems are at its own lines: Groovy (first line included) and YAML"() {
        given:
        Path g = file('profiles/bad-g.groovy', "tags 'x'\nphases {\n    hold 'h', rat: 5, for: 1.s\n}\n")
        Path firstLine = file('profiles/first.groovy', "phases { hols 'h', rate: 5, for: 1.s }\n")
        Path y = file('profiles/bad-y.yaml', "phases:\n  - hold: h\n    rate: 5\n    for: 1s\nguardrails:\n  maxRat: 10\n  abortWhen: [errorRate above 5]\n")
        Path broken = file('profiles/broken.yaml', "phases:\n  - hold: h\n   rate: 5\n")

        expect:
        problems('bad-g') == ["${g}:3:15: 'rat' is not a setting of hold; did you mean 'rate'? (valid: for, rate, users)".toString()]
        problems('first') == ["${firstLine}:1:10: 'hols' is not a phase pattern; did you mean 'hold'? (valid: burst, constant, expr, hold, points, ramp, sine, spike, step)".toString()]
        problems('bad-y') == ["${y}:6:3: 'maxRat' is not a guardrail; did you mean 'maxRate'? (valid: abortWhen, maxConcurrency, maxDuration, maxIterations, maxRate, maxUsers, stopFile)".toString(),
                              "${y}:7:15: abortWhen 'errorRate above 5': write errorRate > 10% over 30s, counter('cost') > 1000 or queueDepth('emails') > 5000".toString()]
        problems('broken').size() == 1
        problems('broken')[0].startsWith("${broken}:3:".toString())
        problems('broken')[0].contains('not valid YAML')
    }

    private List<String> problems(String profile) {
        try {
            load(file("use-${profile}.groovy", using(profile)))
            return []
        } catch (ScriptException e) {
            return e.problems*.toString()
        }
    }
}
