// Seed 004's chaos test: unpredictable swings between 0 and 1 500/s, a 15-minute figure looped for 30 minutes.
description 'Chaos: rate points from 0 to 1500/s over 15 min, looped for 30 min'
tags 'chaos', 'seed-004'
phases {
    points 'chaos', rate: [(0.s): 10, (2.min): 500, (3.min): 10, (5.min): 1000, (7.min): 50,
                           (10.min): 800, (12.min): 0, (15.min): 1500], loop: true, for: 30.min
}
guardrails {
    maxRate 2000
    stopFile '/tmp/chaos-stop'
}
