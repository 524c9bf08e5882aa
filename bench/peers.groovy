// The peer benchmark kit's B1–B4 as one barrage script (see bench/README.md). Loopback only.
String url = param('url', 'http://127.0.0.1:18080/fast')
String model = param('model', 'closed')            // closed (B1, B4) or open (B2, B3)
int conns = param('conns', 64)
int rate = param('rate', 2000)
int users = param('users', 0)
int thinkSec = param('think', 0)                   // seconds
int rampSec = param('ramp', 0)                     // seconds
int duration = param('duration', 15)               // seconds

URI u = URI.create(url)
if (!(u.host in ['127.0.0.1', 'localhost', '::1'])) throw new IllegalArgumentException("loopback only: ${url}")

scenario('peers') {
    target "${u.scheme}://${u.host}:${u.port}"
    String path = u.rawPath
    user { http.get(path) }
    if (thinkSec > 0) think(thinkSec.s)
    phases {
        if (model == 'open') {
            hold 'load', rate: rate, for: duration.s
        } else if (users > 0) {
            if (rampSec > 0) ramp 'ramp', users: 0..users, over: rampSec.s
            hold 'load', users: users, for: (duration - rampSec).s
        } else {
            hold 'load', users: conns, for: duration.s
        }
    }
}
