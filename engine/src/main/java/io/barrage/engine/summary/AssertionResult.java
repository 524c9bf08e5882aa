package io.barrage.engine.summary;

/**
 * The verdict of one assertion.
 *
 * @param value  the measured value in the assertion's unit, or null when there was nothing to measure
 * @param actual the measured value formatted like the threshold ({@code 212.4ms}, {@code 0.3%}), or
 *               {@code n/a} with the reason
 */
public record AssertionResult(String scenario, String text, boolean passed, Double value, String actual) {}
