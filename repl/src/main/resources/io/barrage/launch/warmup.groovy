// barrage's own warm-up (barrage run --warmup): load of the kind a script makes, written in the
// DSL as scripts are, so the JIT compiles the path a run takes; sent to an in-process responder on
// loopback, never to the target. Its numbers are thrown away.
//   open:   arrivals rising from 'from' to 'rate' per second, then held ('from' = rate: held at once)
//   closed: 'users' users, with short pauses when 'think' is true
// Each load is split over three scenarios whose users differ (three closure classes, paths with
// and without ids, a query, a JSON body): the JIT then compiles the calls into a script's own user
// for any class and any path, where one class and one path would be compiled for those alone and
// thrown away at the run's first request (seen: the whole arrival path recompiled in the run's
// first 100 ms, the loop falling behind by 10-40 ms meanwhile).
String url = param('url', 'http://127.0.0.1:1')
int rate = param('rate', 0)
int from = param('from', 10)
int users = param('users', 0)
boolean thinks = param('think', false)
int riseMillis = param('riseMillis', 1200)
int holdMillis = param('holdMillis', 800)

(0..2).each { int i ->
    if (rate > 0) {
        scenario("warm-up open ${i + 1}") {
            target url
            if (i == 0) {
                user {
                    http.get('/fast') { expect status: 200 }
                    if (user % 4 == 0) http.post('/echo', json: [warm: true])
                }
            } else if (i == 1) {
                user { http.get("/items/${(user % 97) + 1}") }
            } else {
                user { http.get('/json', query: [q: 'a1b2c3d4e5f60718']) { expect status: 200 } }
            }
            phases {
                if (from < rate) ramp 'rise', rate: Math.max(1, (int) (from / 3))..Math.max(1, (int) (rate / 3)), over: riseMillis.ms
                hold 'warm', rate: Math.max(1, (int) (rate / 3)), for: holdMillis.ms
            }
        }
    }
    if (users > 0) {
        scenario("warm-up closed ${i + 1}") {
            target url
            if (i == 0) {
                user {
                    http.get('/fast') { expect status: 200 }
                    if (iteration % 4 == 0) http.post('/echo', json: [warm: true])
                }
            } else if (i == 1) {
                user { http.get("/items/${(iteration % 97) + 1}") }
            } else {
                user { http.get('/json', query: [q: 'a1b2c3d4e5f60718']) { expect status: 200 } }
            }
            if (thinks) think uniform(1.ms, 9.ms)
            int n = Math.max(1, (int) (users / 3))
            phases {
                if (riseMillis > 0) ramp 'rise', users: Math.max(1, (int) (n / 10))..n, over: riseMillis.ms
                hold 'warm', users: n, for: holdMillis.ms
            }
        }
    }
}
