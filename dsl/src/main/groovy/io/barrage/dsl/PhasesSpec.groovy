package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import io.barrage.api.Barrage
import io.barrage.engine.pattern.LoadModel
import io.barrage.engine.model.Phase
import io.barrage.engine.pattern.Pattern
import io.barrage.engine.pattern.Points
import java.time.Duration
import java.util.function.DoubleUnaryOperator

/**
 * {@code phases { ... }}: the load profile of a scenario, an ordered list of named phases. Every
 * pattern works in the open model ({@code rate:}, arrivals per second) and in the closed model
 * ({@code users:}, concurrent users); one scenario uses one of the two.
 */
@CompileStatic
class PhasesSpec {
    private final DslContext ctx
    @PackageScope final List<Phase> phases = []

    PhasesSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** A steady load: {@code hold 'steady', rate: 200, for: 5.min} (or {@code users: 50}). */
    void hold(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('hold', name, settings)
    }

    /** A steady load: {@code hold 'steady', rate: 200, for: 5.min} (or {@code users: 50}). The phase is named after the pattern and its place. */
    void hold(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings) {
        add('hold', null, settings)
    }

    /** Same as {@code hold}. */
    void constant(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('constant', name, settings)
    }

    /** Same as {@code hold}. The phase is named after the pattern and its place. */
    void constant(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings) {
        add('constant', null, settings)
    }

    /** A straight line: {@code ramp 'warm-up', rate: 10..200, over: 1.min}. */
    void ramp(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'over', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('ramp', name, settings)
    }

    /** A straight line: {@code ramp 'warm-up', rate: 10..200, over: 1.min}. The phase is named after the pattern and its place. */
    void ramp(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'over', type = java.time.Duration)]) Map<String, Object> settings) {
        add('ramp', null, settings)
    }

    /** A wave: {@code sine 'waves', rate: 200, amplitude: 80, period: 30.s, for: 3.min} ({@code phase:} shifts it, in radians). */
    void sine(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'amplitude', type = Number), @NamedParam(value = 'period', type = java.time.Duration), @NamedParam(value = 'phase', type = Number), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('sine', name, settings)
    }

    /** A wave: {@code sine 'waves', rate: 200, amplitude: 80, period: 30.s, for: 3.min} ({@code phase:} shifts it, in radians). The phase is named after the pattern and its place. */
    void sine(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'amplitude', type = Number), @NamedParam(value = 'period', type = java.time.Duration), @NamedParam(value = 'phase', type = Number), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings) {
        add('sine', null, settings)
    }

    /** Periodic bursts: {@code burst 'bursts', rate: 800, base: 50, length: 5.s, every: 20.s, times: 3}. */
    void burst(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'base', type = Number), @NamedParam(value = 'length', type = java.time.Duration), @NamedParam(value = 'every', type = java.time.Duration), @NamedParam(value = 'times', type = Integer)]) Map<String, Object> settings, String name) {
        add('burst', name, settings)
    }

    /** Periodic bursts: {@code burst 'bursts', rate: 800, base: 50, length: 5.s, every: 20.s, times: 3}. The phase is named after the pattern and its place. */
    void burst(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'base', type = Number), @NamedParam(value = 'length', type = java.time.Duration), @NamedParam(value = 'every', type = java.time.Duration), @NamedParam(value = 'times', type = Integer)]) Map<String, Object> settings) {
        add('burst', null, settings)
    }

    /** A staircase: {@code step 'stairs', rate: [100, 200, 300], every: 1.min, repeat: 1}. */
    void step(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'every', type = java.time.Duration), @NamedParam(value = 'repeat', type = Integer)]) Map<String, Object> settings, String name) {
        add('step', name, settings)
    }

    /** A staircase: {@code step 'stairs', rate: [100, 200, 300], every: 1.min, repeat: 1}. The phase is named after the pattern and its place. */
    void step(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'every', type = java.time.Duration), @NamedParam(value = 'repeat', type = Integer)]) Map<String, Object> settings) {
        add('step', null, settings)
    }

    /** A custom curve, linear between points: {@code points 'day', rate: [(0.s): 10, (30.s): 100, (60.s): 20], loop: true, for: 5.min}. */
    void points(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'loop', type = Boolean), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('points', name, settings)
    }

    /** A custom curve, linear between points: {@code points 'day', rate: [(0.s): 10, (30.s): 100, (60.s): 20], loop: true, for: 5.min}. The phase is named after the pattern and its place. */
    void points(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'loop', type = Boolean), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings) {
        add('points', null, settings)
    }

    /** A sudden peak: {@code spike 'peak', rate: 1500, for: 20.s} (optional {@code rise:}, {@code fall:}, {@code base:}). */
    void spike(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration), @NamedParam(value = 'rise', type = java.time.Duration), @NamedParam(value = 'fall', type = java.time.Duration), @NamedParam(value = 'base', type = Number)]) Map<String, Object> settings, String name) {
        add('spike', name, settings)
    }

    /** A sudden peak: {@code spike 'peak', rate: 1500, for: 20.s} (optional {@code rise:}, {@code fall:}, {@code base:}). The phase is named after the pattern and its place. */
    void spike(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration), @NamedParam(value = 'rise', type = java.time.Duration), @NamedParam(value = 'fall', type = java.time.Duration), @NamedParam(value = 'base', type = Number)]) Map<String, Object> settings) {
        add('spike', null, settings)
    }

    /** A function of the seconds since the phase began: {@code expr 'custom', rate: { double t -> 100 + 50 * Math.sin(t / 10) }, for: 2.min}. */
    void expr(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings, String name) {
        add('expr', name, settings)
    }

    /** A function of the seconds since the phase began: {@code expr 'custom', rate: { double t -> 100 + 50 * Math.sin(t / 10) }, for: 2.min}. The phase is named after the pattern and its place. */
    void expr(@NamedParams([@NamedParam(value = 'rate', type = Object), @NamedParam(value = 'users', type = Object), @NamedParam(value = 'for', type = java.time.Duration)]) Map<String, Object> settings) {
        add('expr', null, settings)
    }

    @PackageScope static final Map<String, List<String>> SETTINGS = [
        'hold': ['rate', 'users', 'for'],
        'constant': ['rate', 'users', 'for'],
        'ramp': ['rate', 'users', 'over'],
        'sine': ['rate', 'users', 'amplitude', 'period', 'phase', 'for'],
        'burst': ['rate', 'users', 'base', 'length', 'every', 'times'],
        'step': ['rate', 'users', 'every', 'repeat'],
        'points': ['rate', 'users', 'loop', 'for'],
        'spike': ['rate', 'users', 'for', 'rise', 'fall', 'base'],
        'expr': ['rate', 'users', 'for']
    ] as Map<String, List<String>>

    /** One phase of a pattern {@code kind} (a YAML profile's phases come this way, with the position of their entry). */
    @PackageScope void add(String kind, String name, Map<String, Object> s) {
        String phaseName = name ?: "${kind == 'constant' ? 'hold' : kind}-${phases.size() + 1}"
        List<String> valid = SETTINGS.get(kind)
        for (String k : s.keySet()) {
            if (!valid.contains(k)) ctx.problem("'${k}' is not a setting of ${kind}${io.barrage.dsl.internal.DidYouMean.suggestion(k, valid)}", k)
        }
        LoadModel model = null
        Object value = null
        String word = 'rate'
        if (s.containsKey('rate') && s.containsKey('users')) {
            ctx.problem("phase '${phaseName}' has both rate: and users:; a phase is open (rate:, arrivals per second) or closed (users:)", 'users')
        } else if (s.containsKey('rate')) {
            model = LoadModel.OPEN
            value = s.get('rate')
        } else if (s.containsKey('users')) {
            model = LoadModel.CLOSED
            value = s.get('users')
            word = 'users'
        } else {
            ctx.problem("phase '${phaseName}' needs rate: (arrivals per second) or users: (concurrent users)")
        }
        Pattern pattern = pattern(kind, word, value, s)
        Phase phase = ctx.mark(Barrage.phase(phaseName, model, pattern))
        if (model == null) ctx.explained(phase, 'model')
        phases << phase
    }

    private Pattern pattern(String kind, String word, Object value, Map<String, Object> s) {
        // equals, not switch: Groovy dispatches a switch on strings dynamically (slow at start-up)
        if (kind.equals('hold') || kind.equals('constant')) return Barrage.hold(number(word, value), duration('for', s))
        if (kind.equals('ramp')) {
            double[] r = range(word, value)
            return Barrage.ramp(r[0], r[1], duration('over', s))
        }
        if (kind.equals('sine')) {
            return Barrage.sine(number(word, value), optionalNumber('amplitude', s, 0), duration('period', s),
                    optionalNumber('phase', s, 0), duration('for', s))
        }
        if (kind.equals('burst')) {
            return Barrage.burst(number(word, value), optionalNumber('base', s, 0), duration('length', s),
                    duration('every', s), (int) optionalNumber('times', s, 1))
        }
        if (kind.equals('step')) return Barrage.step(levels(word, value), duration('every', s), (int) optionalNumber('repeat', s, 1))
        if (kind.equals('points')) {
            return Barrage.points(points(word, value), Boolean.TRUE.equals(s.get('loop')), s.containsKey('for') ? duration('for', s) : null)
        }
        if (kind.equals('spike')) {
            double base = s.containsKey('base') ? optionalNumber('base', s, 0) : previousValue()
            return Barrage.spike(number(word, value), base, optionalDuration('rise', s), duration('for', s), optionalDuration('fall', s))
        }
        if (kind.equals('expr')) return Barrage.expression(function(word, value), duration('for', s))
        throw new IllegalArgumentException(kind)
    }

    private double previousValue() {
        if (phases.isEmpty()) return 0
        Pattern p = phases.last().pattern()
        p == null ? 0 : p.valueAt(p.durationNanos())
    }

    private double number(String field, Object v) {
        if (v instanceof Number) return ((Number) v).doubleValue()
        if (v != null) ctx.problem("${field}: needs a number such as 200, got ${describe(v)}", field)
        Double.NaN
    }

    private double optionalNumber(String field, Map<String, Object> s, double dflt) {
        Object v = s.get(field)
        if (v == null) return dflt
        number(field, v)
    }

    private double[] range(String field, Object v) {
        if (v instanceof Range) {
            Range r = (Range) v
            Object from = r.isReverse() ? r.getTo() : r.getFrom()
            Object to = r.isReverse() ? r.getFrom() : r.getTo()
            if (from instanceof Number && to instanceof Number) {
                return [((Number) from).doubleValue(), ((Number) to).doubleValue()] as double[]
            }
        }
        if (v != null) ctx.problem("${field}: needs a range from..to such as 10..200, got ${describe(v)}", field)
        [Double.NaN, Double.NaN] as double[]
    }

    private Duration duration(String field, Map<String, Object> s) {
        Object v = s.get(field)
        if (v instanceof Duration) return (Duration) v
        // A missing duration is reported by the phase's own validation ("for is required").
        if (v != null) ctx.problem("${field}: needs a duration such as 30.s, got ${describe(v)}", field)
        null
    }

    private Duration optionalDuration(String field, Map<String, Object> s) {
        s.containsKey(field) ? duration(field, s) : Duration.ZERO
    }

    private List<Double> levels(String field, Object v) {
        if (v instanceof List) {
            List<Double> out = []
            for (Object o : (List) v) {
                if (o instanceof Number) out << ((Number) o).doubleValue()
                else ctx.problem("${field}: needs a list of numbers such as [100, 200, 300], got ${describe(o)} in it", field)
            }
            return out
        }
        if (v != null) ctx.problem("${field}: needs a list of levels such as [100, 200, 300], got ${describe(v)}", field)
        []
    }

    private List<Points.Point> points(String field, Object v) {
        List<Points.Point> out = []
        if (v instanceof Map) {
            ((Map) v).each { k, val ->
                if (k instanceof Duration && val instanceof Number) out << Barrage.point((Duration) k, ((Number) val).doubleValue())
                else ctx.problem("${field}: needs time: value pairs such as [(0.s): 10, (30.s): 100], got ${describe(k)}: ${describe(val)}", field)
            }
        } else if (v != null) {
            ctx.problem("${field}: needs time: value pairs such as [(0.s): 10, (30.s): 100], got ${describe(v)}", field)
        }
        out
    }

    private DoubleUnaryOperator function(String field, Object v) {
        if (v instanceof Closure) {
            Closure c = (Closure) v
            return { double t ->
                Object r = c.call(t)
                r instanceof Number ? ((Number) r).doubleValue() : Double.NaN
            } as DoubleUnaryOperator
        }
        if (v != null) ctx.problem("${field}: needs a closure of t (seconds) such as { double t -> 100 + 10 * t }, got ${describe(v)}", field)
        null
    }

    static String describe(Object v) {
        if (v == null) return 'nothing'
        if (v instanceof CharSequence) return "'${v}'"
        if (v instanceof Duration) return io.barrage.engine.format.Durations.format((Duration) v)
        "${v} (${v.getClass().simpleName})"
    }
}
