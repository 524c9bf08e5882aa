package io.barrage.dsl

import io.barrage.engine.output.Output
import io.barrage.engine.output.RunEvent
import io.barrage.engine.run.Run
import io.barrage.engine.run.RunOptions
import io.barrage.engine.summary.RunSummary
import io.barrage.engine.testing.RealRedis
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.AutoCleanup
import spock.lang.Specification

/** Redis as a target from a script, against a real redis-server: queues at patterned rates, their depth as a guardrail, a server lost mid-run. */
class RedisScriptSpec extends Specification {
    @AutoCleanup RealRedis server = RealRedis.start()

    private static RunSummary run(String script, List<RunEvent> events = new CopyOnWriteArrayList<RunEvent>()) {
        def loaded = new ScenarioCompiler(null, 'test').compile('scripts/jobs.groovy', script).load([:])
        def listening = new Output() {
            @Override void onEvent(RunEvent e) { events << e }
        }
        Run.start(loaded.plan, RunOptions.defaults().withTickInterval(Duration.ofMillis(250)).withOutputs([listening])).await()
    }

    def "two queues filled at their own patterns; the deeper one trips its bound, exit 3, and teardown empties both"() {
        given:
        def events = new CopyOnWriteArrayList<RunEvent>()

        when:
        RunSummary summary = run("""\
redis {
    url '${server.url()}'
    queue 'emails', key: 'jobs:email'
    queue 'reports', stream: 'jobs:reports'
}
guardrails { abortWhen queueDepth('emails') > 40 }
scenario('emails') {
    user { redis.push('emails', [to: "user\${user}@example.com", template: 'welcome']) }
    teardown { redis.del('jobs:email', 'jobs:reports'); null }
    phases { sine 'daily', rate: 40, amplitude: 20, period: 4.s, for: 20.s }
}
scenario('reports') {
    user { redis.push('reports', [id: user, kind: 'daily']) }
    phases { burst 'nightly', rate: 30, base: 2, length: 1.s, every: 2.s, times: 10 }
}
""", events)

        then:
        summary.status() == 'aborted'
        summary.exitCode() == 3
        summary.reason() ==~ /guardrail abortWhen queueDepth\('emails'\) > 40: redis_queue_depth\{queue=emails\} is \d+/
        summary.durationSeconds() < 10
        summary.scenario('emails').steps().find { it.name() == 'redis LPUSH jobs:email' }.stats().requests() > 40
        summary.scenario('reports').steps().find { it.name() == 'redis XADD jobs:reports' }.stats().requests() > 0
        summary.meters().any { it.name() == 'redis_queue_depth' && it.labels().queue == 'reports' && it.value() > 0 }
        events.any { it.type() == RunEvent.TYPE_GUARDRAIL && it.data().rule == "queueDepth('emails') > 40" }
        events.any { it.type() == RunEvent.TYPE_HOOK && it.message() == 'teardown done' }
        server.integer('EXISTS jobs:email jobs:reports') == 0
    }

    def "a server killed during the run ends it as an error, exit 4, with what was measured until then"() {
        when:
        def ran = Thread.start {
            Thread.sleep(1500)
            server.kill()
        }
        RunSummary summary = run("""\
redis {
    url '${server.url()}'
    timeout 200.ms
    lostAfter 1.s
}
scenario('writes') {
    user { redis.incr('hits') }
    phases { hold 'h', rate: 50, for: 30.s }
}
""")
        ran.join()

        then:
        summary.status() == 'error'
        summary.exitCode() == 4
        summary.reason() ==~ /redis:\/\/127\.0\.0\.1:\d+ unreachable for [\d.]+m?s \(redis lostAfter 1s\)/
        summary.durationSeconds() < 15
        def step = summary.scenario('writes').steps().find { it.name() == 'redis INCR' }
        step.stats().requests() > 40
        step.stats().errors() > 0
    }

    def "settings, queues and guardrails a script gets wrong are problems at their lines"() {
        when:
        new ScenarioCompiler(null, 'test').compile('scripts/bad.groovy', '''\
redis {
    url 'http://127.0.0.1:6379'
    connection 'pooled'
    queue 'emails', key: 'jobs:email', stream: 'jobs:email'
    queue 'fifo', key: 'jobs:fifo', push: 'shift'
}
guardrails { abortWhen queueDepth('emial') > 10 }
scenario('s') {
    user { redis.push('emails', [a: 1]) }
    phases { hold 'h', rate: 1, for: 1.s }
}
''').load([:])

        then:
        def e = thrown(ScriptException)
        def problems = e.problems*.toString()
        problems.any { it.startsWith('scripts/bad.groovy:1:') && it.contains("redis url 'http://127.0.0.1:6379' is not a Redis URL") }
        problems.any { it.startsWith('scripts/bad.groovy:3:') && it.contains("redis connection is 'shared' or 'per-user', not 'pooled'") }
        problems.any { it.startsWith('scripts/bad.groovy:4:') && it.contains("queue 'emails' is a list (key:) or a stream (stream:), not both") }
        problems.any { it.startsWith('scripts/bad.groovy:5:') && it.contains("push: is 'lpush' or 'rpush', not 'shift'") }
        problems.any { it.startsWith('scripts/bad.groovy:7:') && it.contains("abortWhen queueDepth('emial') > 10: redis has no queue 'emial'") }
    }

    def "redis in a script without a redis block fails the iteration with a line saying what to add"() {
        when:
        RunSummary summary = run('''\
scenario('s') {
    user { redis.set('k', 'v') }
    phases { hold 'h', rate: 5, for: 1.s }
}
''')

        then:
        def failures = summary.scenario('s').iterationErrors().kinds()
        failures.any { it.message().contains("redis: this script has no Redis server: add redis { url 'redis://127.0.0.1:6379' } at its top level") }
    }
}
