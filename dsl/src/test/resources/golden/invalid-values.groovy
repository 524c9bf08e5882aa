scenario('values') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases {
        hold 'negative', rate: -5, for: 30.s
        ramp 'backwards', rate: 10..20, over: 0.s
        burst 'b', rate: 100, length: 10.s, every: 5.s, times: 0
        hold 'negative', rate: 1, for: 1.s
        hold 'closed', users: 10, for: 1.s
    }
    assertions {
        p95 < 5.percent
        errorRate(phase: 'nope') < 1.percent
    }
}
