// Capacity search of a 4-backend service whose capacity is known by construction:
// each backend serves 10 calls at once and takes 40 ms, so the service does 4 × 10 / 0.040 = 1000 calls/s.
//   ./barrage capacity scenarios/capacity-search.groovy     (about 1 minute: finds ≈ 1000/s)
//   ./barrage run scenarios/capacity-search.groovy          (the plain phases below: 15 s at 500/s)

sim {
    backends 4
    balancer 'least-connections'
    latency 40.ms
    capacity 10
}

scenario('catalog') {
    user { http.get('/items') }

    phases { hold 'steady', rate: 500, for: 15.s }

    capacity {
        from 125                    // 125, 250, 500, 1000... while the criteria hold; then halve the gap
        max 4000
        hold 4.s                    // each step: 4 s of load, judged after the first 1 s
        settle 1.s
        precision 5.percent
        until {
            p99 < 200.ms
            errorRate < 1.percent
        }
    }

    assertions {
        p99 < 200.ms
        balance > 95.percent
    }
}
