guardrails { maxDuration -1.s; maxRate -5 }
scenario('negative') {
    target 'http://127.0.0.1:8080'
    http { timeout -1.s; connectTimeout -2.s }
    user { http.get('/fast') }
    phases {
        hold 'a', rate: 5, for: 5.s
        hold 'b', rate: 5, for: 5.s
        hold 'c', rate: -5, for: 5.s
        ramp 'd', rate: 1..5, over: -3.s
        spike 'e', rate: 10, for: 5.s, rise: -1.s
    }
    assertions {
        p95 < -10.ms
        errorRate < -1.percent
    }
    capacity { hold -1.s }
}
scenario('closed') {
    sim { latency -5.ms }
    think -1.s
    user { http.get('/fast') }
    phases { burst 'f', users: -5, length: 1.s, every: 2.s }
}
