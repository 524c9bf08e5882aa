package io.barrage.dsl

import io.barrage.engine.pattern.LoadModel
import io.barrage.engine.pattern.Burst
import io.barrage.engine.pattern.Constant
import io.barrage.engine.pattern.Ramp
import io.barrage.engine.pattern.Sine
import spock.lang.Specification

class ScenarioCompilerSpec extends Specification {
    ScenarioCompiler compiler = new ScenarioCompiler()

    LoadedScript load(String text, Map<String, String> params = [:]) {
        compiler.compile('test.groovy', text).load(params)
    }

    List<String> problems(String text, Map<String, String> params = [:]) {
        try {
            load(text, params)
            return []
        } catch (ScriptException e) {
            return e.problems*.toString()
        }
    }

    def "a script compiles into a plan of scenarios and phases"() {
        when:
        def loaded = load('''
            scenario('checkout') {
                target 'http://127.0.0.1:8080'
                user {
                    http.get('/catalog') { expect status: 200 }
                    think uniform(1.s, 3.s)
                }
                phases {
                    ramp  'warm-up', rate: 10..200, over: 1.min
                    hold  'steady',  rate: 200, for: 5.min
                    sine  'waves',   rate: 200, amplitude: 80, period: 30.s, for: 3.min
                    burst 'bursts',  rate: 800, base: 50, length: 5.s, every: 20.s, times: 3
                }
                assertions {
                    p95 < 250.ms
                    p99('GET /catalog') < 400.ms
                    errorRate < 1.percent
                    achievedRate > 99.percent
                }
            }
        ''')
        def plan = loaded.plan
        def s = plan.scenarios()[0]

        then:
        plan.name() == 'checkout'
        s.model() == LoadModel.OPEN
        s.phases()*.name() == ['warm-up', 'steady', 'waves', 'bursts']
        s.phases()[0].pattern() == new Ramp(10, 200, java.time.Duration.ofMinutes(1))
        s.phases()[1].pattern() == new Constant(200, java.time.Duration.ofMinutes(5))
        s.phases()[2].pattern() instanceof Sine
        s.phases()[3].pattern() == new Burst(800, 50, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(20), 3)
        s.assertions()*.text() == ['p95 < 250.ms', "p99('GET /catalog') < 400.ms", 'errorRate < 1.percent', 'achievedRate > 99.percent']
        s.assertions()[0].threshold() == 250d
        s.assertions()[1].step() == 'GET /catalog'
        s.assertions()[2].threshold() == 0.01d
        s.info()['target'] == 'http://127.0.0.1:8080'
    }

    def "parameters come from the command line with typed defaults"() {
        when:
        def plan = load('''
            int users = param('users', 10)
            Duration holdFor = param('hold', 30.s)
            scenario('p') {
                target 'http://127.0.0.1:1'
                user { think 1.s }
                phases { hold 'steady', users: users, for: holdFor }
            }
        ''', [users: '75', hold: '2m']).plan

        then:
        plan.scenarios()[0].model() == LoadModel.CLOSED
        plan.scenarios()[0].phases()[0].pattern() == new Constant(75, java.time.Duration.ofMinutes(2))
    }

    def "a bad parameter value is a problem naming it"() {
        expect:
        problems('''
            int users = param('users', 10)
            scenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', users: users, for: 1.s } }
        ''', [users: 'many']) == ["-p users=many: users is a whole number (from param('users', 10) at test.groovy:2), not 'many'"]
    }

    def "parameters of every type convert, and a wrong one is a problem naming it"() {
        when:
        def plan = load('''
            boolean verbose = param('verbose', false)
            double factor = param('factor', 1.5d)
            Duration pause = param('pause', 1.s)
            scenario('p') {
                target 'http://127.0.0.1:1'
                user { }
                phases { hold 'h', rate: (verbose ? factor * 40 : 1), for: pause }
            }
        ''', [verbose: 'true', factor: '2.5', pause: '3s']).plan

        then:
        plan.scenarios()[0].phases()[0].pattern() == new Constant(100, java.time.Duration.ofSeconds(3))

        expect:
        problems("boolean b = param('b', false)\nscenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }",
                [b: 'yes']) == ["-p b=yes: b is true or false (from param('b', false) at test.groovy:1), not 'yes'"]
    }

    def "the runtime and the compiler can be prepared ahead, from any thread, more than once"() {
        when:
        def t = Thread.start { ScenarioCompiler.prepareRuntime(); ScenarioCompiler.prepareCompiler() }
        ScenarioCompiler.prepareRuntime()
        ScenarioCompiler.prepareCompiler()
        t.join()

        then:
        noExceptionThrown()
        load("scenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }").plan.scenarios()[0].name() == 'p'
    }

    def "the cache says whether a script file was compiled before"() {
        given:
        def dir = File.createTempDir().toPath()
        def file = dir.resolve('s.groovy')
        java.nio.file.Files.writeString(file, "scenario('c') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }")
        def c = new ScenarioCompiler(dir.resolve('cache'), '1.0')

        expect:
        !c.isCached(file)
        c.compile(file) != null
        c.isCached(file)
        new ScenarioCompiler(null, '1.0').isCached(file) == false
    }

    def "a run sends each http setting and judges every kind of check"() {
        given:
        def loaded = load('''
            sim { }
            scenario('calls') {
                user {
                    http.post('/echo', body: 'hello', contentType: 'text/plain', step: 'echo text', timeout: 2.s) {
                        expect status: [200, 201]
                        expect('echoed') { it.json.body == 'hello' && it.json.headers['content-type'] == 'text/plain' }
                    }
                    http.get('/echo', query: [page: 2], headers: ['X-Test': 'yes'], step: 'echo query') {
                        expect status: 200..299
                        expect { it.json.query == 'page=2' && it.json.headers['x-test'] == 'yes' }
                    }
                    http.get('/status/404') { expect status: 200 }
                    http.get('/fast') { expect { false } }
                }
                phases { hold 'h', rate: 20, for: 300.ms }
            }
        ''')

        when:
        def summary = io.barrage.engine.run.Run.start(loaded.plan, io.barrage.engine.run.RunOptions.defaults()).await()
        def steps = summary.scenario('calls').steps().collectEntries { [(it.name()): it.stats()] }

        then:
        steps['echo text'].requests() > 0
        steps['echo text'].errors() == 0
        steps['echo query'].errors() == 0
        steps['GET /status/{id}'].requests() > 0
        steps['GET /status/{id}'].errorsByKind() == [status_4xx: steps['GET /status/{id}'].requests()]
        steps['GET /fast'].errorsByKind().keySet() == ['check_failed'] as Set
    }

    def "a parameter the script does not name is a problem"() {
        expect:
        problems('''
            scenario('p') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }
        ''', [usres: '3']) == ["-p usres=3: test.groovy has no parameter 'usres' (it reads none)"]
    }

    def "GString paths become step templates"() {
        given:
        def compiled = compiler.compile('t.groovy', '''
            scenario('t') {
                target 'http://127.0.0.1:1'
                user {
                    long id = 42
                    http.get("/items/${id}")
                }
                phases { hold 'h', rate: 1, for: 1.s }
            }
        ''')

        expect:
        compiled.scriptClass != null
    }

    def "a cached script compiles once"() {
        given:
        def dir = File.createTempDir().toPath()
        def c = new ScenarioCompiler(dir, '1.0')
        def text = "scenario('c') { target 'http://127.0.0.1:1'; user { }; phases { hold 'h', rate: 1, for: 1.s } }"

        when:
        def first = c.compile('c.groovy', text)
        def second = c.compile('c.groovy', text)
        def other = new ScenarioCompiler(dir, '1.1').compile('c.groovy', text)

        then:
        !first.fromCache
        second.fromCache
        !other.fromCache
        second.load([:]).plan.scenarios()[0].name() == 'c'
    }

    def "http settings choose the client and reach it"() {
        when:
        def loaded = load("""
            scenario('a') {
                target 'http://127.0.0.1:8080'
                http { client 'lean'; compression true; maxConnections 50; insecure true; localAddresses(['127.0.0.2']) }
                user { http.get('/') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            scenario('b') {
                target 'https://127.0.0.1:8443'
                http { http2 true }
                user { http.get('/') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
        """)

        then:
        loaded.plan.scenarios()*.info()*.get('http') == ['lean', 'okhttp']
    }

    def "an unknown client or lean with http2 is a problem at its line"() {
        expect:
        problems("""
            scenario('a') {
                target 'http://127.0.0.1:8080'
                http { client 'curl' }
                user { http.get('/') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
        """).any { it.contains("unknown HTTP client 'curl' (valid: auto, lean, okhttp)") }
        problems("""
            scenario('a') {
                target 'http://127.0.0.1:8080'
                http { client 'lean'; http2 true }
                user { http.get('/') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
        """).any { it.contains("the lean client speaks HTTP/1.1 only") }
    }

    def "a sim of backends behind a balancer, with faults on its timeline, compiles into its config"() {
        when:
        def loaded = load("""
            sim {
                backends 3
                balancer 'weighted'
                latency lognormal(20.ms, 0.5)
                tail 1.percent, 300.ms
                capacity 50
                healthCheck every: 500.ms, failures: 3
                backend('b2') { weight 2; latency 100.ms }
                route '/checkout', method: 'POST', status: 201, latency: 30.ms
                fault slow('b1', 50.ms)
                at 10.s, down('b3'), lasting: 20.s
                during 'peak', errorBurst('b1', 20.percent, status: 503)
            }
            scenario('s') {
                user { http.get('/fast') }
                phases { hold 'calm', rate: 10, for: 30.s; hold 'peak', rate: 50, for: 10.s }
                assertions { balance > 90.percent; balance(phase: 'peak') > 80.percent }
                capacity { from 20; hold 5.s; until { p99 < 300.ms } }
            }
        """)
        def sim = (loaded.plan.resources().find { it instanceof io.barrage.sim.SimResource } as io.barrage.sim.SimResource).config()

        then:
        sim.backendNames() == ['b1', 'b2', 'b3']
        sim.balancing() == io.barrage.sim.Balancing.WEIGHTED
        sim.backends()*.weight() == [1d, 2d, 1d]
        sim.backends()[0].latency().describe() == 'lognormal(20ms,0.5)+1%:300ms'
        sim.backends()[1].latency().describe() == '100ms+1%:300ms'
        sim.backends()*.capacity() == [50, 50, 50]
        sim.health().interval().toMillis() == 500
        sim.health().unhealthyAfter() == 3
        sim.routes()*.path() == ['/checkout']
        sim.faults()*.describe() == ['slow b1 +50ms']
        sim.timeline()*.fault()*.describe() == ['down b3', 'errors b1 20% 503']
        sim.timeline()[1].phase() == 'peak'
        def scenario = loaded.plan.scenarios()[0]
        scenario.analysis('balance').backends() == ['b1', 'b2', 'b3']
        scenario.analysis('balance').weights() == [b1: 1d, b2: 2d, b3: 1d]
        scenario.assertions()*.text() == ['balance > 90.percent', "balance(phase: 'peak') > 80.percent"]
        loaded.capacity['s'].from() == 20
        loaded.capacity['s'].criteria()*.text() == ['p99 < 300.ms']
    }

    def "sim mistakes are problems at their line"() {
        expect:
        problems("""
            sim {
                backends 2
                balancer 'fastest'
                backend('b7') { latency 5.ms }
                during 'rush', down('b1')
            }
            scenario('s') {
                user { http.get('/fast') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
        """) == [
            "test.groovy:4:17: balancer 'fastest' is not one of round-robin, random, least-connections, weighted, hash",
            "test.groovy:5:17: sim: no backend 'b7'; the backends are b1, b2",
            "test.groovy:6:17: sim: fault 'down b1' waits for phase 'rush', which no scenario has (phases: h)",
        ]
        problems("""
            scenario('s') {
                target 'http://127.0.0.1:9'
                user { http.get('/fast') }
                phases { hold 'h', rate: 1, for: 1.s }
                assertions { balance > 90.percent }
            }
        """).any { it.contains("'balance' is not analysed in scenario 's' (it has no analysis): add balance { } to it") }
    }

    def "a sine whose amplitude is above its rate is a warning at its amplitude, with what the clamp does in numbers"() {
        when:
        def loaded = load("""\
            scenario('waves') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases {
                    sine 'waves', rate: 10, amplitude: 50, period: 10.s, for: 30.s
                    sine 'full', rate: 50, amplitude: 50, period: 10.s, for: 30.s
                }
            }
            scenario('users') {
                target 'http://127.0.0.1:8080'
                user { think 1.s }
                phases { sine 'crowd', users: 4, amplitude: 8, period: 1.min, for: 2.min }
            }
            """.stripIndent())

        then:
        loaded.warnings == [
            "test.groovy:5:33: phase 'waves': amplitude 50 is larger than rate 10, so the load is clamped at 0 for 44% of each period: about 637 arrivals (21.2/s on average) instead of the 300 (10/s) of the whole wave; make amplitude ≤ rate for a wave that is never clamped",
            "test.groovy:12:38: phase 'crowd': amplitude 8 is larger than users 4, so the load is clamped at 0 for 33% of each period: 4.9 users on average instead of 4; make amplitude ≤ users for a wave that is never clamped",
        ]
    }

    def "an assertion whose bound is a variable keeps the bound's value in its text"() {
        when:
        def loaded = load("""\
            def p95limit = 123.ms
            Percent errors = 2.percent
            int minRate = 190
            String step = 'GET /x'
            scenario('vars') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases { hold 'h', rate: 200, for: 10.s }
                assertions {
                    p95 < p95limit
                    p99 < 100.ms
                    errorRate < errors
                    rate > minRate
                    p99(step) < p95limit.multipliedBy(2)
                    max(step) < 1.s
                }
            }
            """.stripIndent())

        then:
        loaded.plan.scenarios()[0].assertions()*.text() ==
                ['p95 < 123ms', 'p99 < 100.ms', 'errorRate < 2%', 'rate > 190', "p99('GET /x') < 246ms", "max('GET /x') < 1.s"]
    }

    def "a relative path with no target and no sim is a problem at the call; with a target, a sim or full URLs it is fine"() {
        expect:
        problems("""\
            scenario('a') {
                user { http.get('/x') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            """.stripIndent()) == ["test.groovy:2:12: http.get('/x') has a relative path, and scenario 'a' has no target and no sim to send it to: add target 'http://host:port' or sim { } to the scenario, or use a full URL"]
        problems("""\
            scenario('a') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            scenario('b') {
                user { http.get('/x') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            sim()
            """.stripIndent()) == []
        problems("""\
            scenario('a') {
                sim { }
                user { http.get('/x') }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            scenario('b') {
                user { http.get('http://127.0.0.1:9/x'); http.get("https://127.0.0.1:9/\${iteration}") }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            """.stripIndent()) == []
    }

    def "a relative path known only at run time, with no target and no sim, is one clear warning naming the call"() {
        given:
        def loaded = load("""\
            String path = '/x'
            scenario('nowhere') {
                user { http.get(path) }
                phases { hold 'h', rate: 20, for: 200.ms }
            }
            """.stripIndent())
        def warnings = new java.util.concurrent.CopyOnWriteArrayList<String>()
        def listener = new io.barrage.engine.output.Output() {
            @Override
            void onEvent(io.barrage.engine.output.RunEvent e) {
                if (e.type() == io.barrage.engine.output.RunEvent.TYPE_WARNING) warnings << e.message()
            }
        }

        when:
        def summary = io.barrage.engine.run.Run.start(loaded.plan,
                io.barrage.engine.run.RunOptions.defaults().withOutputs([listener])).await()

        then:
        summary.scenario('nowhere').steps() == []
        summary.scenario('nowhere').iterationErrors().count() == 4
        summary.scenario('nowhere').iterationErrors().kinds()*.where() == ['test.groovy:3']
        warnings.findAll { !it.contains('no assertion judges it') } == ["test.groovy:3: http.get('/x') has a relative path, and scenario 'nowhere' has no target and no sim to send it to: add target 'http://host:port' or sim { } to the scenario, or use a full URL"]
    }

    def "guardrails inside a scenario cap that scenario, and run-wide ones belong at the top level"() {
        when:
        def loaded = load("""\
            guardrails { maxRate 1000; maxDuration 1.min }
            scenario('capped') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases { hold 'h', rate: 50, for: 1.s }
                guardrails { maxRate 100; maxConcurrency 20 }
            }
            scenario('free') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases { hold 'h', rate: 500, for: 1.s }
            }
            """.stripIndent())
        def capped = loaded.plan.scenarios()[0]

        then:
        capped.guardrails().maxRate() == 100d
        capped.maxConcurrency() == 20
        loaded.plan.scenarios()[1].guardrails().maxRate() == 0d
        loaded.plan.guardrails().maxRate() == 1000d

        expect:
        problems("""\
            scenario('capped') {
                target 'http://127.0.0.1:8080'
                user { http.get('/x') }
                phases { hold 'h', rate: 500, for: 1.s }
                guardrails {
                    maxRate 100
                    maxDuration 1.min
                    stopFile 'STOP'
                }
            }
            """.stripIndent()) == [
            "test.groovy:4:24: phase 'h' asks for up to 500/s, above the guardrail maxRate 100/s",
            "test.groovy:7:9: maxDuration is a guardrail of the whole run: put it in guardrails { } at the top level of the script",
            "test.groovy:8:9: stopFile is a guardrail of the whole run: put it in guardrails { } at the top level of the script",
        ]
    }

    def "a word followed by a negative value takes it as its argument, where Groovy would subtract"() {
        expect:
        problems("""\
            int n = 3
            n - 1
            scenario('s') {
                target 'http://127.0.0.1:8080'
                user { think -1.s }
                phases { hold 'h', users: 1, for: 1.s }
                think -2.s
            }
            """.stripIndent()) == ['test.groovy:7:5: think time must be ≥ 0, got -2s']
    }

    def "a subtraction in user code stays a subtraction: only the DSL's commands of one value take a negative argument"() {
        expect:
        problems('''\
            scenario('s') {
                target 'http://127.0.0.1:8080'
                setup { 10 }
                user {
                    def previous = { iteration - 1 }
                    def less = { shared - 1 }
                    long left = user - 1
                    http.get("/items/${previous()}/${left}")
                }
                phases { hold 'h', rate: 1, for: 1.s }
            }
            '''.stripIndent()) == []
    }
}
