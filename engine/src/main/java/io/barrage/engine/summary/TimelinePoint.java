package io.barrage.engine.summary;

/** One reporter interval of a scenario: what was asked and what happened. Latencies and lag in ms (null if none). */
public record TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                            Double p99, long errors, long dropped, int inFlight, Double lagP99) {}
