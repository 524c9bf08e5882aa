// Two user groups side by side, each with its own model, phases, stats and assertions:
// browsers (closed model, thinking humans) and an API client (open model, a steady rate).
//   ./barrage run scenarios/user-groups.groovy

sim { latency 2.ms..8.ms }

scenario('browsers') {
    user {
        http.get('/items')
        think uniform(300.ms, 700.ms)
        http.get("/items/${1 + random.nextInt(20)}")
    }
    think 500.ms
    phases {
        ramp 'ramp', users: 0..20, over: 5.s
        hold 'hold', users: 20, for: 20.s
    }
    assertions {
        p95 < 50.ms
    }
}

scenario('api') {
    user {
        http.post('/echo', json: [event: 'order', amount: 12.5]) { expect status: 200 }
    }
    phases {
        hold 'steady', rate: 50, for: 25.s
    }
    assertions {
        p99 < 50.ms
        errorRate < 0.1.percent
    }
}
