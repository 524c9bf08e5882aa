// Seed 004's stress test: gentle, then a five-minute ramp to 1 000/s, held for ten minutes.
description 'Stress test: 10/s for a minute, ramp to 1000/s over 5 min, hold 10 min'
tags 'stress', 'seed-004'
phases {
    hold 'gentle', rate: 10, for: 1.min
    ramp 'climb', rate: 10..1000, over: 5.min
    hold 'peak', rate: 1000, for: 10.min
}
guardrails {
    maxRate 1500
    abortWhen errorRate > 10.percent, over: 30.s
}
