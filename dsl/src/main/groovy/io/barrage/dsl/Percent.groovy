package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** A percentage written {@code 5.percent}: holds the fraction (0.05). */
@CompileStatic
@EqualsAndHashCode
final class Percent implements Comparable<Percent> {
    final double fraction

    Percent(double fraction) {
        this.fraction = fraction
    }

    /** {@code -5.percent}: validation then says where it is and why it may not be negative there. */
    Percent negative() {
        new Percent(-fraction)
    }

    /** {@code +5.percent}: the same percentage. */
    Percent positive() {
        this
    }

    @Override
    int compareTo(Percent o) {
        Double.compare(fraction, o.fraction)
    }

    @Override
    String toString() {
        double p = fraction * 100
        (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + '%'
    }
}
