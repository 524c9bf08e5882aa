package io.barrage.launch;

/**
 * The load a warm-up sends to an in-process service (never the target): an open-model rate (the
 * highest a scenario asks for in its first second, 200 to 50 000 arrivals/s; 3 000 at most where the
 * simulated service serves it) and a closed-model user count (up to {@value Warmup#MAX_USERS}), each 0
 * when no scenario uses that model.
 *
 * @param thinks whether the closed-model users think between iterations
 * @param sim    whether the plan starts barrage's simulated service (its code is warmed too)
 * @param redis  whether the plan calls a Redis (the Redis client's code is warmed too, on a stand-in)
 */
public record WarmupLoad(double rate, int users, boolean thinks, boolean sim, boolean redis) {}
