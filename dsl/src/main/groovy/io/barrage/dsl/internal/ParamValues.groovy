package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import io.barrage.dsl.Percent
import io.barrage.engine.format.Durations
import java.time.Duration
import java.util.regex.Matcher
import java.util.regex.Pattern
import org.codehaus.groovy.runtime.GStringImpl

/**
 * Reads a {@code -p NAME=VALUE} as its default's type — whole number, decimal, true/false, duration,
 * percentage or text — and says in barrage's words what it accepts when the value does not fit.
 */
@CompileStatic
final class ParamValues {
    private ParamValues() {}

    private static final Pattern WHOLE = Pattern.compile('[+-]?\\d+')
    private static final Pattern DECIMAL = Pattern.compile('[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?')
    private static final Pattern PERCENT = Pattern.compile('([+-]?(\\d+\\.?\\d*|\\.\\d+))\\s*%?')
    private static final Pattern DURATION = Pattern.compile('(\\s*(\\d+\\.?\\d*|\\.\\d+)\\s*(ns|us|µs|ms|sec|s|min|m|h))+\\s*')
    private static final Pattern DURATION_PART = Pattern.compile('(\\d+\\.?\\d*|\\.\\d+)\\s*(ns|us|µs|ms|sec|s|min|m|h)')

    /** A value that does not fit: the message ends the sentence "NAME is KIND (from …)". */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false)
        }
    }

    /** What a parameter with this default accepts, as in "rate is a whole number"; null when barrage cannot read it from text. */
    static String kind(Object dflt) {
        if (dflt == null || dflt instanceof CharSequence) return 'text'
        if (dflt instanceof Integer || dflt instanceof Long || dflt instanceof Short || dflt instanceof Byte || dflt instanceof BigInteger) return 'a whole number'
        if (dflt instanceof BigDecimal || dflt instanceof Double || dflt instanceof Float) return 'a decimal number'
        if (dflt instanceof Boolean) return 'true or false'
        if (dflt instanceof Duration) return 'a duration such as 30s or 2m'
        if (dflt instanceof Percent) return 'a percentage such as 5%'
        null
    }

    /**
     * The value of {@code raw} in the default's type.
     *
     * @throws Bad when it does not fit
     */
    static Object convert(String raw, Object dflt) {
        if (dflt == null || dflt instanceof String) return raw
        if (dflt instanceof CharSequence) return new GStringImpl(new Object[0], [raw] as String[])
        String s = raw.trim()
        if (s.isEmpty()) throw new Bad('and the value is empty')
        // instanceof, not switch on classes: Groovy's class case dispatches dynamically (40 ms at start-up)
        if (dflt instanceof Integer) return (Object) Integer.valueOf(within(whole(s), s, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue())
        if (dflt instanceof Long) return (Object) Long.valueOf(within(whole(s), s, Long.MIN_VALUE, Long.MAX_VALUE).longValue())
        if (dflt instanceof Short) return (Object) Short.valueOf(within(whole(s), s, Short.MIN_VALUE, Short.MAX_VALUE).shortValue())
        if (dflt instanceof Byte) return (Object) Byte.valueOf(within(whole(s), s, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue())
        if (dflt instanceof BigInteger) return whole(s)
        if (dflt instanceof BigDecimal || dflt instanceof Double || dflt instanceof Float) {
            if (!DECIMAL.matcher(s).matches()) throw new Bad("not '${raw}'")
            if (dflt instanceof BigDecimal) {
                try {
                    return new BigDecimal(s)
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new Bad("and ${s} is out of range")
                }
            }
            double d = Double.parseDouble(s)
            double max = dflt instanceof Float ? (double) Float.MAX_VALUE : Double.MAX_VALUE
            if (Double.isInfinite(d) || Math.abs(d) > max) throw new Bad("and ${s} is out of range (at most ${dflt instanceof Float ? String.valueOf(Float.MAX_VALUE) : String.valueOf(Double.MAX_VALUE)})")
            return dflt instanceof Float ? (Object) Float.valueOf((float) d) : (Object) Double.valueOf(d)
        }
        if (dflt instanceof Boolean) {
            if (s.equalsIgnoreCase('true')) return Boolean.TRUE
            if (s.equalsIgnoreCase('false')) return Boolean.FALSE
            throw new Bad("not '${raw}'")
        }
        if (dflt instanceof Duration) {
            if (!DURATION.matcher(s).matches()) throw new Bad("not '${raw}'")
            double nanos = 0
            Matcher m = DURATION_PART.matcher(s)
            while (m.find()) nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2))
            if (nanos >= (double) Long.MAX_VALUE) throw new Bad("and ${s} is out of range (at most ${Durations.format(Duration.ofNanos(Long.MAX_VALUE))})")
            return Durations.parse(s)
        }
        if (dflt instanceof Percent) {
            Matcher m = PERCENT.matcher(s)
            if (!m.matches()) throw new Bad("not '${raw}'")
            double p = Double.parseDouble(m.group(1))
            if (Double.isInfinite(p)) throw new Bad("and ${s} is out of range")
            return new Percent(p / 100d)
        }
        throw new Bad("and barrage reads no ${dflt.getClass().simpleName} from the command line (it reads whole numbers, decimals, true/false, durations, percentages and text)")
    }

    private static BigInteger whole(String s) {
        if (!WHOLE.matcher(s).matches()) throw new Bad("not '${s}'")
        new BigInteger(s.startsWith('+') ? s.substring(1) : s)
    }

    private static BigInteger within(BigInteger v, String s, long min, long max) {
        if (v > BigInteger.valueOf(max)) throw new Bad("and ${s} is out of range (at most ${max})")
        if (v < BigInteger.valueOf(min)) throw new Bad("and ${s} is out of range (at least ${min})")
        v
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case 'ns': return 1d
            case 'us': case 'µs': return 1e3d
            case 'ms': return 1e6d
            case 's': case 'sec': return 1e9d
            case 'm': case 'min': return 60e9d
            default: return 3600e9d
        }
    }

    /** The default as the script would write it: {@code 100}, {@code 10L}, {@code 1.5}, {@code 30.s}, {@code 5.percent}, {@code 'text'}. */
    static String literal(Object v) {
        if (v == null) return 'null'
        if (v instanceof String) return "'" + ((String) v).replace('\\', '\\\\').replace("'", "\\'") + "'"
        if (v instanceof CharSequence) return '"' + v.toString().replace('\\', '\\\\').replace('"', '\\"') + '"'
        if (v instanceof Long) return v.toString() + 'L'
        if (v instanceof BigInteger) return v.toString() + 'G'
        if (v instanceof Double) return v.toString() + 'd'
        if (v instanceof Float) return v.toString() + 'f'
        if (v instanceof BigDecimal) return ((BigDecimal) v).toPlainString()
        if (v instanceof Duration) return duration((Duration) v)
        if (v instanceof Percent) {
            double p = ((Percent) v).fraction * 100
            return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + '.percent'
        }
        if (v instanceof Number || v instanceof Boolean) return v.toString()
        v.getClass().simpleName
    }

    private static String duration(Duration d) {
        long n = d.toNanos()
        if (n == 0) return '0.s'
        String sign = n < 0 ? '-' : ''
        long a = Math.abs(n)
        if (a % 3_600_000_000_000L == 0) return sign + (a / 3_600_000_000_000L) + '.h'
        if (a % 60_000_000_000L == 0) return sign + (a / 60_000_000_000L) + '.min'
        if (a % 1_000_000_000L == 0) return sign + (a / 1_000_000_000L) + '.s'
        if (a % 1_000_000L == 0) return sign + (a / 1_000_000L) + '.ms'
        if (a % 1_000L == 0) return sign + (a / 1_000L) + '.us'
        "Duration.ofNanos(${n})"
    }
}
