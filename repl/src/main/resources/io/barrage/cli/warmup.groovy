// barrage's own warm-up (barrage run --warmup): load of the kind a script makes, written in the
// DSL as scripts are, so the JIT compiles the path a run takes; sent to an in-process responder on
// loopback, never to the target. Its numbers are thrown away.
String url = param('url', 'http://127.0.0.1:1')
int rate = param('rate', 1000)
int from = param('from', 100)
int riseMillis = param('riseMillis', 1200)
int holdMillis = param('holdMillis', 800)

scenario('warm-up') {
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
