// B4's memory question past this machine's 20 000 descriptors a process: many closed-model users in
// one process, each request on a connection of its own (Connection: close), so that only requests
// in flight hold a descriptor. Against the peers kit's nginx (../shared/peers/start-target.sh).
// Loopback only. See README.md, Performance, "100 000 users".
String url = param('url', 'http://127.0.0.1:18080/fast')
int users = param('users', 100000)
int thinkSec = param('think', 20)
int rampSec = param('ramp', 20)
int holdSec = param('hold', 30)

URI u = URI.create(url)
if (!(u.host in ['127.0.0.1', 'localhost', '::1'])) throw new IllegalArgumentException("loopback only: ${url}")

scenario('many users') {
    target "${u.scheme}://${u.host}:${u.port}"
    String path = u.rawPath
    user { http.get(path, headers: ['Connection': 'close']) }
    think thinkSec.s
    phases {
        ramp 'ramp', users: 0..users, over: rampSec.s
        hold 'hold', users: users, for: holdSec.s
    }
}
