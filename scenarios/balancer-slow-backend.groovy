// Round-robin vs least-connections when one backend of four is slow.
//   ./barrage run scenarios/balancer-slow-backend.groovy
// Each scenario has its own simulated service; b2 answers in 150–250 ms, the others in 5–15 ms.
// Round-robin keeps the split even (balance ≈ 100%) and sends a quarter of the calls to the slow
// backend, so p95 is the slow backend's latency. Least-connections sends fewer calls where calls
// pile up: the split is uneven (balance < 60%) and p95 stays low. Balance is not the goal; latency is.

scenario('round-robin') {
    sim {
        backends 4
        balancer 'round-robin'
        latency 5.ms..15.ms
        capacity 20
        backend('b2') { latency 150.ms..250.ms }
    }
    user { http.get('/items') }
    phases { hold 'steady', rate: 150, for: 15.s }
    assertions {
        balance > 95.percent        // holds: calls spread evenly
        p95 < 100.ms                // fails: one call in four waits on b2
    }
}

scenario('least-connections') {
    sim {
        backends 4
        balancer 'least-connections'
        latency 5.ms..15.ms
        capacity 20
        backend('b2') { latency 150.ms..250.ms }
    }
    user { http.get('/items') }
    phases { hold 'steady', rate: 150, for: 15.s }
    assertions {
        p95 < 100.ms                // holds: few calls wait on b2
    }
}
