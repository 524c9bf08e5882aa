// barrage's own warm-up (barrage run --warmup): load of the kind a script makes, written in the
// DSL as scripts are, so the JIT compiles the path a run takes; sent to an in-process responder on
// loopback, never to the target. Its numbers are thrown away.
//   open:   arrivals rising from 'from' to 'rate' per second, then held
//   closed: 'users' users, with short pauses when 'think' is true
String url = param('url', 'http://127.0.0.1:1')
int rate = param('rate', 0)
int from = param('from', 10)
int users = param('users', 0)
boolean thinks = param('think', false)
int riseMillis = param('riseMillis', 1200)
int holdMillis = param('holdMillis', 800)

if (rate > 0) {
    scenario('warm-up open') {
        target url
        user {
            http.get('/fast') { expect status: 200 }
            if (user % 4 == 0) http.post('/echo', json: [warm: true])
        }
        phases {
            ramp 'rise', rate: from..rate, over: riseMillis.ms
            hold 'warm', rate: rate, for: holdMillis.ms
        }
    }
}

if (users > 0) {
    scenario('warm-up closed') {
        target url
        user {
            http.get('/fast') { expect status: 200 }
            if (iteration % 4 == 0) http.post('/echo', json: [warm: true])
        }
        if (thinks) think uniform(1.ms, 9.ms)
        phases {
            ramp 'rise', users: (users / 10)..users, over: riseMillis.ms
            hold 'warm', users: users, for: holdMillis.ms
        }
    }
}
