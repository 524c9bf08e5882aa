// A backend dies mid-run, behind a balancer with and without health checks.
//   ./barrage run scenarios/backend-dies.groovy
// b3 refuses connections from 5 s to 15 s. Without health checks the balancer keeps sending it a
// quarter of the calls: 25% errors (502) for ten seconds. With a health check every second, b3 is
// out of rotation after two failed probes: a burst of errors, then an uneven split (an imbalance
// event) until it is back. The events and the per-second timeline in results/ show each step.

scenario('no-health-check') {
    sim {
        backends 4
        latency 5.ms..15.ms
        healthCheck false
        at 5.s, down('b3'), lasting: 10.s
    }
    user { http.get('/items') }
    phases { hold 'steady', rate: 100, for: 20.s }
    assertions { errorRate < 1.percent }            // fails: 10 s of 502s from b3
}

scenario('health-checked') {
    sim {
        backends 4
        latency 5.ms..15.ms
        healthCheck every: 1.s, failures: 2
        at 5.s, down('b3'), lasting: 10.s
    }
    user { http.get('/items') }
    phases { hold 'steady', rate: 100, for: 20.s }
    balance { threshold 90.percent, for: 3.s }      // say so when the split stays uneven for 3 s
    assertions { errorRate < 5.percent }            // holds: only the calls before b3 was taken out fail
}
