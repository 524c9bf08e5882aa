// Open model: arrivals per second, started on schedule whatever the target does.
// A ramp up, a steady hold, a ramp down; assertions overall and per phase.
//   ./barrage run scenarios/open-ramp-hold.groovy -p rate=150
//   ./barrage plan scenarios/open-ramp-hold.groovy

int peak = param('rate', 100)                     // -p rate=…
Duration steady = param('hold', 20.s)             // -p hold=1m

sim { latency 5.ms..15.ms }

scenario('catalog') {
    user {
        http.get('/items', headers: [Accept: 'application/json']) {
            expect status: 200
            expect('lists items') { it.json.items }
        }
        int id = 1 + random.nextInt(20)
        http.get("/items/${id}")                  // counted as the step GET /items/{id}
    }

    phases {
        ramp 'warm-up',   rate: 0..peak, over: 10.s
        hold 'steady',    rate: peak, for: steady
        ramp 'cool-down', rate: peak..0, over: 5.s
    }

    assertions {
        p95 < 50.ms
        p99('GET /items/{id}') < 100.ms
        p99(phase: 'steady') < 80.ms
        errorRate < 1.percent
        achievedRate > 99.percent
        dropped == 0
    }
}
