// A saved load profile used from a script: the phases (and guardrails) of profiles/quick-peak.yaml,
// against the built-in simulated service. -p profile=stress-test (or daily-traffic, chaos-points:
// seed 004's three) picks another; ./barrage plan draws it, ./barrage profile list shows them all.
String name = param('profile', 'quick-peak')

sim { latency 5.ms..15.ms }

scenario('checkout') {
    user { http.get("/items/${random.nextInt(1000)}") { expect status: 200 } }
    phases profile(name)
    assertions {
        p95 < 100.ms
        errorRate < 1.percent
    }
}
