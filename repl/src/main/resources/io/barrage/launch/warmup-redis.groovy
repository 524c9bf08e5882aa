// barrage's own warm-up of Redis calls, for a script with a redis { } block: the kinds of calls a
// script makes (a command, a queue push, a pipeline), rising to 'rate' per second, sent to an
// in-process stand-in (WarmupRedis), never to the script's Redis. Its numbers are thrown away.
String server = param('url', 'redis://127.0.0.1:1')
int rate = param('rate', 1000)
int riseMillis = param('riseMillis', 200)
int holdMillis = param('holdMillis', 300)

redis {
    url server
    queue 'warm', key: 'warm:jobs'
}
scenario('warm-up redis') {
    user {
        redis.incr('warm:n')
        redis.push('warm', [job: user, kind: 'warm-up'])
        if (user % 4 == 0) redis.get('warm:n')
        if (user % 8 == 0) redis.pipeline { p -> p.set('warm:k', 'v'); p.incr('warm:n') }
    }
    phases {
        ramp 'rise', rate: Math.max(1, (int) (rate / 10))..rate, over: riseMillis.ms
        hold 'warm', rate: rate, for: holdMillis.ms
    }
}
