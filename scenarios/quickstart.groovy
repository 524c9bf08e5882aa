// The quick start: 20 seconds of open-model load against barrage's built-in simulated service.
//   ./barrage run scenarios/quickstart.groovy
// Nothing else to start: the sim block below serves on a free loopback port for the run.

sim {
    latency 2.ms..8.ms          // every response but /fast waits 2–8 ms
    errors 0.2.percent          // and one in five hundred fails with a 500
}

scenario('quickstart') {
    user {                                      // one iteration = one arrival
        http.get('/items') { expect status: 200 }
        long id = 1 + random.nextInt(20)
        http.get("/items/${id}")                // counted as GET /items/{id}
    }

    phases {                                    // rate = arrivals per second
        ramp 'warm-up', rate: 10..100, over: 5.s
        hold 'steady',  rate: 100, for: 15.s
    }

    assertions {
        p95 < 100.ms
        errorRate < 2.percent
        achievedRate > 99.percent
    }
}
