scenario('bounds') {
    target 'http://127.0.0.1:8080'
    user { http.get('/fast') }
    phases { hold 'steady', rate: 10, for: 10.s }
    assertions {
        errorRate < 150.percent
        errorRate <= 100.percent
        errorRate > 100.percent
        errorRate < 0.percent
        errorRate >= 0.percent
        achievedRate > 100.percent
        dropped < 0
        dropped == 2.5
        dropped < 101.percent
        rate >= 0
        p99 < 0.ms
        service.p99 >= 0.ms
        lag.max > -1.ms
        errorRate < 100.percent
        achievedRate >= 100.percent
        dropped == 0
        p95 <= 0.ms
        rate > 0
    }
}
