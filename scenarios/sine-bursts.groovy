// Patterns: a sine wave, periodic bursts, a staircase and a spike, with Poisson-spaced arrivals.
//   ./barrage plan scenarios/sine-bursts.groovy     (draws the load before running it)

sim {
    latency 3.ms..12.ms
    errors 0.5.percent, status: 503
}

guardrails {
    maxRate 500                    // no phase may ask for more: a typo of 5000 is refused
    maxDuration 2.min
}

scenario('waves') {
    arrivals 'poisson'

    user {
        http.get('/json')
    }

    phases {
        sine   'waves',  rate: 80, amplitude: 40, period: 10.s, for: 20.s
        burst  'bursts', rate: 250, base: 30, length: 2.s, every: 5.s, times: 3
        step   'stairs', rate: [40, 80, 120], every: 3.s
        spike  'peak',   rate: 300, for: 3.s, rise: 1.s, fall: 1.s
    }

    assertions {
        p99 < 100.ms
        p99(phase: 'peak') < 150.ms
        errorRate < 2.percent
    }
}
