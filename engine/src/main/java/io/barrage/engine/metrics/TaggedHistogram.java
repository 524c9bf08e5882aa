package io.barrage.engine.metrics;

import org.HdrHistogram.Histogram;

/** An interval histogram with the tag set it belongs to. {@code phase} is null for step-wide timings. */
public record TaggedHistogram(String metric, String scenario, String step, String phase, Histogram histogram) {}
