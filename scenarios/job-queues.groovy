// Job queues in Redis (seed 004's patterned generator): emails pushed at a daily sine, reports in
// nightly bursts, and workers that take jobs off both at a fixed pace. The emails queue breathes
// with the sine; the report bursts outgrow the workers, and when that queue passes 1 500 jobs the
// guardrail stops the run (exit 3) — queue depths on the live line all along. Teardown empties
// both queues (--keep-data keeps them to look at); a file STOP stops the run too.
// Needs a Redis: redis-server --daemonize yes (Debian: apt-get install redis-server), or -p redis=redis://host:port
String server = param('redis', 'redis://127.0.0.1:6379')

redis {
    url server
    queue 'emails', key: 'jobs:email'        // LPUSH; workers RPOP: first in, first out
    queue 'reports', key: 'jobs:report'
}

guardrails {
    abortWhen queueDepth('reports') > 1500
    stopFile 'STOP'
    maxDuration 2.min
}

scenario('emails') {
    setup { redis.del('jobs:email', 'jobs:report') }       // a clean start, whatever an earlier run left
    user { redis.push('emails', [to: fake.internet().emailAddress(), template: 'welcome', at: System.currentTimeMillis()]) }
    teardown { redis.del('jobs:email', 'jobs:report') }
    phases { sine 'daily', rate: 60, amplitude: 40, period: 10.s, for: 60.s }
}

scenario('reports') {
    user { redis.push('reports', [report: 'usage', account: random.nextInt(10_000)]) }
    phases { burst 'nightly', rate: 300, base: 5, length: 3.s, every: 8.s, times: 8 }
}

scenario('workers') {
    user {
        redis.rpop('jobs:email')
        redis.rpop('jobs:report')
    }
    phases { hold 'work', rate: 70, for: 60.s }
    assertions { errorRate < 1.percent }
}
