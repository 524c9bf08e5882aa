package io.barrage.dsl

import io.barrage.engine.output.Output
import io.barrage.engine.output.RunEvent
import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.Specification
import spock.lang.TempDir

/** feeder(…) in a script: files beside it, checked at load, drawn with feed(…) by users of a real run. */
class FeedersSpec extends Specification {
    @TempDir Path dir

    private LoadedScript load(String script) {
        new ScenarioCompiler(null, 'test').compile(dir.resolve('load.groovy').toString(), script).load([:])
    }

    def "users draw unique records from a CSV beside the script, and the load ends as planned when they run out"() {
        given:
        Files.createDirectories(dir.resolve('data'))
        Files.writeString(dir.resolve('data/users.csv'), 'name,email\n' + (1..25).collect { "u${it},u${it}@example.com" }.join('\n') + '\n')
        def loaded = load('''\
def users = feeder('data/users.csv', strategy: 'unique', whenExhausted: 'stop')
sim()
scenario('signup') {
    user {
        def u = feed(users)
        http.post('/echo', json: [name: u.name, email: u.email])
    }
    phases { hold 'h', rate: 200, for: 2.s }
}
''')

        def events = new CopyOnWriteArrayList<RunEvent>()
        def listening = new Output() {
            @Override void onEvent(RunEvent e) { events << e }
        }

        when:
        RunSummary summary = Run.start(loaded.plan, RunOptions.defaults().withOutputs([listening])).await()
        def s = summary.scenario('signup')

        then: 'each record once, then the load ended: not an abort, no failed iteration'
        s.total().requests() == 25
        s.total().errors() == 0
        s.iterationErrors().count() == 0
        summary.status() == 'passed'
        events.any { it.message().contains('load ended: feeder users.csv handed out every record of ') && it.message().contains('users.csv (25 records) once') }
    }

    def "a unique list feeder that runs out aborts the run by default (exit 3), with the reason"() {
        given:
        def loaded = load('''\
def codes = feeder(['A1', 'B2', 'C3'], strategy: 'unique', name: 'codes')
sim()
scenario('redeem') {
    user { http.post('/echo', json: [code: feed(codes)]) }
    phases { hold 'h', rate: 100, for: 2.s }
}
''')

        when:
        RunSummary summary = Run.start(loaded.plan, RunOptions.defaults()).await()

        then:
        summary.scenario('redeem').total().requests() == 3
        summary.status() == 'aborted'
        summary.exitCode() == 3
        summary.reason() == 'feeder codes handed out every record of list (3 records) once (strategy unique), and the plan wanted more (whenExhausted: fail)'
    }

    def "a bad feeder file is one problem naming the file and its line, with the script line of the feeder"() {
        given:
        Files.writeString(dir.resolve('users.csv'), 'name,email\nada,ada@x\nlin\n')

        when:
        load('''\
sim()
def users = feeder('users.csv')
def more = feeder('nope.jsonl')
def odd = feeder('users.csv', stratgy: 'unique')
scenario('s') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 1, for: 1.s }
}
''')

        then:
        def e = thrown(ScriptException)
        def problems = e.problems*.toString()
        problems.contains("${dir.resolve('users.csv')}:3: 1 field where the header has 2 (a field holding the separator is quoted: \"a,b\") (feeder at ${dir.resolve('load.groovy')}:2)".toString())
        problems.any { it.startsWith("${dir.resolve('nope.jsonl')}: no such file (feeder at".toString()) }
        problems.any { it.contains(":4:") && it.contains("feeder has no option 'stratgy'; did you mean 'strategy'?") }
    }

    def "users ask generated questions with fake names, and a bad strategy or template is a problem at its line"() {
        given:
        def loaded = load('''\
def asks = questions('technical', seed: 7)
def own = questions(templates: ['How does {product} handle {n} users?'], vars: [product: ['Atlas', 'Nimbus'], n: 1..50])
sim()
scenario('ask') {
    user {
        def r = http.post('/echo', json: [from: fake.name().fullName(), q: feed(asks), q2: feed(own)])
        String sent = r.json.body
        if (!(sent =~ /"q2":"How does (Atlas|Nimbus) handle \\d+ users\\?"/) || !(sent =~ /"q":"[^"]+[?.]"/) || !(sent =~ /"from":"[^"]+"/)) {
            throw new IllegalStateException(sent)
        }
    }
    phases { hold 'h', rate: 50, for: 1.s }
}
''')

        when:
        RunSummary summary = Run.start(loaded.plan, RunOptions.defaults()).await()
        def s = summary.scenario('ask')

        then:
        s.total().requests() == 50
        s.iterationErrors().count() == 0

        when:
        load('''\
def a = questions('technicle')
def b = questions(templates: ['Why {nope}?'])
def c = questions('mixed', sed: 1)
sim()
scenario('s') {
    user { http.get('/fast') }
    phases { hold 'h', rate: 1, for: 1.s }
}
''')

        then:
        def e = thrown(ScriptException)
        def problems = e.problems*.toString()
        problems.any { it.contains('load.groovy:1:') && it.contains("'technicle' is not a question strategy; did you mean 'technical'?") }
        problems.any { it.contains('load.groovy:2:') && it.contains("questions: template 'Why {nope}?' uses {nope}, which is not a variable") }
        problems.any { it.contains('load.groovy:3:') && it.contains("questions has no option 'sed'; did you mean 'seed'?") }
    }
}
