package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.dsl.internal.DidYouMean
import io.barrage.dsl.internal.SourcePositions
import io.barrage.engine.format.Durations
import io.barrage.engine.model.AbortRule
import java.time.Duration
import java.util.regex.Matcher
import org.yaml.snakeyaml.LoaderOptions
import org.yaml.snakeyaml.Yaml
import org.yaml.snakeyaml.error.MarkedYAMLException
import org.yaml.snakeyaml.error.YAMLException
import org.yaml.snakeyaml.nodes.MappingNode
import org.yaml.snakeyaml.nodes.Node
import org.yaml.snakeyaml.nodes.NodeTuple
import org.yaml.snakeyaml.nodes.ScalarNode
import org.yaml.snakeyaml.nodes.SequenceNode
import org.yaml.snakeyaml.nodes.Tag

/**
 * A profile written in YAML, read into the same {@link Profile} as a Groovy one, every problem at
 * its file:line:column:
 *
 * <pre>
 * description: Morning peak
 * tags: [daily, peak]
 * phases:
 *   - ramp: warm-up          # the pattern, and the phase's name
 *     rate: 0..500           # rate: or users:, a number, a range a..b, a list, or time: rate points
 *     over: 2m               # durations as 250ms, 30s, 2m, 1h30m
 *   - hold: peak
 *     rate: 500
 *     for: 10m
 * guardrails:
 *   maxDuration: 20m
 *   maxRate: 800
 *   abortWhen:
 *     - errorRate > 10% over 30s
 *     - queueDepth('emails') > 5000
 * </pre>
 */
@CompileStatic
final class YamlProfiles {
    static final List<String> WORDS = ['description', 'tags', 'phases', 'guardrails']
    static final List<String> GUARDRAILS = ['maxDuration', 'maxRate', 'maxUsers', 'maxConcurrency', 'maxIterations', 'stopFile', 'abortWhen']
    private static final Set<String> DURATIONS = ['for', 'over', 'period', 'length', 'every', 'rise', 'fall'] as Set
    private static final java.util.regex.Pattern RANGE = ~/\s*(-?[0-9.]+)\s*\.\.\s*(-?[0-9.]+)\s*/
    private static final java.util.regex.Pattern ABORT = ~/\s*(errorRate|counter\('([^']+)'\)|queueDepth\('([^']+)'\))\s*(>=|>)\s*([0-9][0-9_.]*)\s*(%?)\s*(?:over\s+(\S+))?\s*/

    private YamlProfiles() {}

    /** @throws ScriptException with every problem of the file */
    static Profile read(String file, String name, String text) {
        DslContext ctx = new DslContext(file, [:])
        Node root
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text))
        } catch (MarkedYAMLException e) {
            def m = e.problemMark
            throw new ScriptException([new ScriptProblem(file, m == null ? 0 : m.line + 1, m == null ? 0 : m.column + 1,
                    "not valid YAML: ${e.problem ?: e.message}".toString())])
        } catch (YAMLException e) {
            throw new ScriptException([new ScriptProblem(file, 0, 0, "not valid YAML: ${e.message}".toString())])
        }
        Profile profile = new Profile(ctx, name)
        profile.source = file
        try {
            if (!(root instanceof MappingNode)) {
                ctx.problems << new ScriptProblem(file, root == null ? 1 : line(root), root == null ? 1 : col(root),
                        'a YAML profile is a mapping of description, tags, phases and guardrails')
            } else {
                at(root)
                ctx.positions.put(profile, SourcePositions.current())
                for (NodeTuple t : ((MappingNode) root).value) {
                    String key = scalar(t.keyNode)
                    at(t.keyNode)
                    if (key == 'description') profile.description(textOf(ctx, t.valueNode, 'description'))
                    else if (key == 'tags') tags(ctx, profile, t.valueNode)
                    else if (key == 'phases') phases(ctx, profile, t.valueNode)
                    else if (key == 'guardrails') guardrails(ctx, profile, t.valueNode)
                    else ctx.problem("'${key}' is not a profile word${DidYouMean.suggestion(key, WORDS)}".toString())
                }
            }
            if (!ctx.problems.isEmpty()) throw new ScriptException(sortedProblems(ctx.problems))
            for (io.barrage.engine.model.Phase ph : profile.phases) {
                for (io.barrage.engine.validation.Problem pr : ph.validate("profile '${name}'".toString())) ctx.problems << ctx.at(pr.subject(), pr.field(), pr.message())
            }
            if (profile.phases.isEmpty()) ctx.problem(profile, null, "profile '${name}' has no phases: add phases: with an entry such as '- hold: steady' 'rate: 100' 'for: 1m'".toString())
            if (profile.guardrails != null) {
                for (io.barrage.engine.validation.Problem pr : profile.guardrails.build().validate("profile '${name}'".toString())) {
                    ctx.problems << ctx.at(pr.subject(), pr.field(), pr.message())
                }
            }
            if (!ctx.problems.isEmpty()) throw new ScriptException(sortedProblems(ctx.problems))
        } finally {
            SourcePositions.clear()
        }
        profile
    }

    private static void tags(DslContext ctx, Profile profile, Node v) {
        if (v instanceof SequenceNode) {
            for (Node n : ((SequenceNode) v).value) {
                at(n)
                profile.tags(textOf(ctx, n, 'tags'))
            }
        } else {
            profile.tags(textOf(ctx, v, 'tags'))
        }
    }

    private static void phases(DslContext ctx, Profile profile, Node v) {
        if (!(v instanceof SequenceNode)) {
            at(v)
            ctx.problem("phases: is a list of phases, each '- hold: NAME' with its settings (rate:, for: ...)")
            return
        }
        PhasesSpec spec = new PhasesSpec(ctx)
        for (Node item : ((SequenceNode) v).value) {
            at(item)
            if (!(item instanceof MappingNode) || ((MappingNode) item).value.isEmpty()) {
                ctx.problem("a phase is a mapping: '- hold: NAME' then its settings (rate: 100, for: 1m)")
                continue
            }
            List<NodeTuple> entries = ((MappingNode) item).value
            String kind = scalar(entries[0].keyNode)
            at(entries[0].keyNode)
            if (!PhasesSpec.SETTINGS.containsKey(kind) || kind == 'expr') {
                List<String> kinds = PhasesSpec.SETTINGS.keySet().findAll { String k -> k != 'expr' }.toList()
                ctx.problem(kind == 'expr' ? "expr needs a Groovy function: write it in a .groovy profile"
                        : "'${kind}' is not a phase pattern${DidYouMean.suggestion(kind, kinds)}".toString())
                continue
            }
            String phaseName = entries[0].valueNode instanceof ScalarNode ? scalar(entries[0].valueNode) : null
            Map<String, Object> settings = new LinkedHashMap<>()
            List<Object> named = []
            boolean ok = true
            for (NodeTuple t : entries.drop(1)) {
                String k = scalar(t.keyNode)
                named.addAll([k, line(t.keyNode), col(t.keyNode)])
                SourcePositions.at(line(t.keyNode), col(t.keyNode))
                Object value = value(ctx, k, t.valueNode)
                if (value == BAD) ok = false
                else settings.put(k, value)
            }
            if (!ok) continue
            SourcePositions.at(line(entries[0].keyNode), col(entries[0].keyNode), named.toArray())
            spec.add(kind, phaseName ?: null, settings)
        }
        profile.phases.addAll(spec.phases)
    }

    private static final Object BAD = new Object()

    /** A phase setting's YAML value as the DSL would have it: a Duration, a Range, a List, rate points, a number, a boolean. */
    private static Object value(DslContext ctx, String key, Node v) {
        if (v instanceof ScalarNode) {
            ScalarNode s = (ScalarNode) v
            String t = s.value
            if (DURATIONS.contains(key)) return duration(ctx, key, t)
            if (s.tag == Tag.INT) return new BigDecimal(t.replace('_', '')).toBigInteger().longValue()
            if (s.tag == Tag.FLOAT) return Double.parseDouble(t.replace('_', ''))
            if (s.tag == Tag.BOOL) return Boolean.parseBoolean(t.toLowerCase())
            Matcher m = RANGE.matcher(t)
            if (m.matches()) {
                BigDecimal from = new BigDecimal(m.group(1))
                BigDecimal to = new BigDecimal(m.group(2))
                return from.scale() <= 0 && to.scale() <= 0 ? (Object) new IntRange(from.intValue(), to.intValue()) : (Object) new ObjectRange(from, to)
            }
            return t
        }
        if (v instanceof SequenceNode) {
            List<Object> out = []
            for (Node n : ((SequenceNode) v).value) {
                Object o = value(ctx, key + '[]', n)
                if (o == BAD) return BAD
                out << o
            }
            return out
        }
        if (v instanceof MappingNode) {    // rate points: {0s: 10, 2m: 500}
            Map<Duration, Object> points = new LinkedHashMap<>()
            for (NodeTuple t : ((MappingNode) v).value) {
                SourcePositions.at(line(t.keyNode), col(t.keyNode))
                Object d = duration(ctx, key + ' point', scalar(t.keyNode))
                Object r = value(ctx, key, t.valueNode)
                if (d == BAD || r == BAD) return BAD
                points.put((Duration) d, r)
            }
            return points
        }
        BAD
    }

    private static Object duration(DslContext ctx, String key, String text) {
        try {
            return Durations.parse(text)
        } catch (IllegalArgumentException e) {
            ctx.problem("${key}: needs a duration such as 30s, 2m or 1h30m, got '${text}'".toString())
            return BAD
        }
    }

    private static void guardrails(DslContext ctx, Profile profile, Node v) {
        at(v)
        if (!(v instanceof MappingNode)) {
            ctx.problem("guardrails: is a mapping such as 'maxDuration: 20m' 'maxRate: 800'")
            return
        }
        GuardrailsSpec g = ctx.mark(new GuardrailsSpec(ctx))
        profile.guardrails = g
        for (NodeTuple t : ((MappingNode) v).value) {
            String k = scalar(t.keyNode)
            at(t.keyNode)
            Node val = t.valueNode
            String s = val instanceof ScalarNode ? ((ScalarNode) val).value : null
            try {
                if (k == 'maxDuration') {
                    Object d = duration(ctx, k, s ?: '')
                    if (d != BAD) g.maxDuration((Duration) d)
                } else if (k == 'maxRate') {
                    g.maxRate(Double.parseDouble(s))
                } else if (k == 'maxUsers') {
                    g.maxUsers(Integer.parseInt(s))
                } else if (k == 'maxConcurrency') {
                    g.maxConcurrency(Integer.parseInt(s))
                } else if (k == 'maxIterations') {
                    g.maxIterations(Long.parseLong(s.replace('_', '')))
                } else if (k == 'stopFile') {
                    g.stopFile(s)
                } else if (k == 'abortWhen') {
                    List<Node> rules = val instanceof SequenceNode ? ((SequenceNode) val).value : [val]
                    for (Node r : rules) {
                        at(r)
                        abortWhen(ctx, g, r instanceof ScalarNode ? ((ScalarNode) r).value : '')
                    }
                } else {
                    ctx.problem("'${k}' is not a guardrail${DidYouMean.suggestion(k, GUARDRAILS)}".toString())
                }
            } catch (NumberFormatException | NullPointerException e) {
                ctx.problem("${k}: needs a number, got '${s}'".toString())
            }
        }
    }

    /** {@code errorRate > 10% over 30s}, {@code counter('cost') > 1000}, {@code queueDepth('emails') > 5000}. */
    private static void abortWhen(DslContext ctx, GuardrailsSpec g, String rule) {
        Matcher m = ABORT.matcher(rule)
        if (!m.matches()) {
            ctx.problem("abortWhen '${rule}': write errorRate > 10% over 30s, counter('cost') > 1000 or queueDepth('emails') > 5000".toString())
            return
        }
        GuardrailsSpec.GuardMetric metric = m.group(1) == 'errorRate' ? g.getErrorRate()
                : m.group(2) != null ? g.counter(m.group(2)) : g.queueDepth(m.group(3))
        BigDecimal n = new BigDecimal(m.group(5).replace('_', ''))
        Object limit = m.group(6) == '%' ? (Object) new Percent(n.doubleValue() / 100d) : (Object) n
        String shownLimit = m.group(5) + m.group(6)
        String left = m.group(1)
        GuardrailsSpec.GuardCondition c = metric.compare(m.group(4), limit, "${left} ${m.group(4)} ${shownLimit}".toString(), left, shownLimit)
        Map<String, Object> opts = [:]
        if (m.group(7) != null) {
            Object d = duration(ctx, 'over', m.group(7))
            if (d == BAD) return
            opts.put('over', d)
        }
        g.abortWhen(opts, c)
    }

    private static String textOf(DslContext ctx, Node n, String key) {
        if (n instanceof ScalarNode) return ((ScalarNode) n).value
        at(n)
        ctx.problem("${key}: needs text".toString())
        ''
    }

    private static String scalar(Node n) {
        n instanceof ScalarNode ? ((ScalarNode) n).value : n.toString()
    }

    private static void at(Node n) {
        SourcePositions.at(line(n), col(n))
    }

    private static int line(Node n) { n.startMark.line + 1 }

    private static int col(Node n) { n.startMark.column + 1 }

    private static List<ScriptProblem> sortedProblems(List<ScriptProblem> problems) {
        problems.toSorted { ScriptProblem a, ScriptProblem b -> a.line <=> b.line ?: a.column <=> b.column }
    }
}
