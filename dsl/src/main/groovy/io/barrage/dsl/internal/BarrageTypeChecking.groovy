package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import groovy.transform.NamedParams
import org.codehaus.groovy.ast.AnnotationNode
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.ModuleNode
import org.codehaus.groovy.ast.Parameter
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.ListExpression
import org.codehaus.groovy.ast.expr.MapEntryExpression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCall
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.transform.stc.AbstractTypeCheckingExtension
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor

/**
 * Static type checking for scenario scripts, in barrage's words. The DSL words are precisely typed,
 * so a misspelt or unknown word is a compile error — this extension words it as barrage does
 * ({@code 'hols' is not a phase pattern; did you mean 'hold'? (valid: ...)}). Data whose type is
 * not known statically (JSON bodies, the setup's shared value, untyped closure parameters) stays
 * dynamic, so user code reads {@code res.json.items[0].id} without casts.
 */
@CompileStatic
class BarrageTypeChecking extends AbstractTypeCheckingExtension {
    /** Metadata key on the module: map "line:column" → [method, valid named arguments]. */
    static final String NAMED_ARGS = 'barrage.namedArgs'

    static final Map<String, String> DESCRIPTIONS = [
        'io.barrage.dsl.BarrageScript'  : 'a top-level word',
        'io.barrage.dsl.ScenarioSpec'   : 'a scenario setting',
        'io.barrage.dsl.PhasesSpec'     : 'a phase pattern',
        'io.barrage.dsl.AssertionsSpec' : 'an assertion metric',
        'io.barrage.dsl.TimingRefs'     : 'a timing percentile',
        'io.barrage.dsl.MetricRef'      : 'an assertion metric word',
        'io.barrage.dsl.GuardrailsSpec' : 'a guardrail',
        'io.barrage.dsl.SimSpec'        : 'a sim setting',
        'io.barrage.dsl.RedisSpec'      : 'a redis setting',
        'io.barrage.dsl.Profile'        : 'a profile word',
        'io.barrage.redis.Redis'        : 'a redis command',
        'io.barrage.redis.RedisPipeline': 'a redis command',
        'io.barrage.dsl.BackendSpec'    : 'a backend setting',
        'io.barrage.dsl.BalanceSpec'    : 'a balance setting',
        'io.barrage.dsl.CapacitySpec'   : 'a capacity setting',
        'io.barrage.dsl.HttpSpec'       : 'an http setting',
        'io.barrage.dsl.UserContext'    : 'a word of user code',
        'io.barrage.dsl.HttpDsl'        : 'an http method',
        'io.barrage.dsl.ResponseChecks' : 'a check',
        'io.barrage.http.HttpResponse'  : 'a response property',
    ]

    private static final Set<String> HIDDEN = ['getProperty', 'setProperty', 'invokeMethod', 'getMetaClass', 'setMetaClass',
        'run', 'main', 'getBinding', 'setBinding', 'evaluate', 'print', 'println', 'printf', 'equals', 'hashCode', 'toString',
        'getClass', 'notify', 'notifyAll', 'wait', 'start', 'close', 'compare', 'compareTo'] as Set

    BarrageTypeChecking(StaticTypeCheckingVisitor visitor) {
        super(visitor)
    }

    @Override
    List<MethodNode> handleMissingMethod(ClassNode receiver, String name, ArgumentListExpression args, ClassNode[] argTypes, MethodCall call) {
        if (isDynamic(receiver) || argTypes.any { ClassNode t -> isDynamic(t) }) {
            return [makeDynamic(call)]
        }
        ClassNode dsl = wordContext(receiver, call)
        if (dsl == null) return []
        Map<String, List<MethodNode>> words = words(dsl)
        String message
        if (words.containsKey(name)) {
            String got = argTypes.collect { ClassNode t -> simple(t) }.join(', ')
            String forms = words[name].findAll { MethodNode m -> m.parameters.length > 0 || !m.name.startsWith('get') }
                    .collect { MethodNode m -> "${name}(${m.parameters.collect { Parameter p -> p.name }.join(', ')})" }.unique().join(' or ')
            message = "'${name}' cannot take (${got}): it takes ${forms}"
        } else {
            message = "'${name}' is not ${describe(dsl)}${DidYouMean.suggestion(name, callableWords(words))}"
            quiet(args)
        }
        addStaticTypeError(message, (Expression) call)
        [makeDynamic(call)]
    }

    @Override
    boolean handleUnresolvedVariableExpression(VariableExpression v) {
        ClassNode dsl = wordContext(null, null)
        if (dsl == null) return false
        Map<String, List<MethodNode>> words = words(dsl)
        addStaticTypeError("'${v.name}' is not ${describe(dsl)}${DidYouMean.suggestion(v.name, words.keySet())}", v)
        makeDynamic(v)
        true
    }

    @Override
    boolean handleUnresolvedProperty(PropertyExpression p) {
        ClassNode receiver = getType(p.objectExpression)
        if (isDynamic(receiver)) {
            makeDynamic(p)
            return true
        }
        if (!isDsl(receiver)) return false
        String name = p.propertyAsString
        Map<String, List<MethodNode>> words = words(receiver)
        addStaticTypeError("'${name}' is not ${describe(receiver)}${DidYouMean.suggestion(name, propertyWords(words))}", p)
        makeDynamic(p)
        true
    }

    @Override
    void onMethodSelection(Expression call, MethodNode node) {
        if (!(call instanceof MethodCallExpression) || node.parameters.length == 0) return
        List<AnnotationNode> named = node.parameters[0].getAnnotations(ClassHelper.make(NamedParams))
        if (named.isEmpty()) return
        List<String> valid = []
        Expression value = named[0].getMember('value')
        List<Expression> entries = value instanceof ListExpression ? ((ListExpression) value).expressions : [value]
        for (Expression e : entries) {
            if (e instanceof org.codehaus.groovy.ast.expr.AnnotationConstantExpression) {
                AnnotationNode a = (AnnotationNode) ((ConstantExpression) e).value
                String n = a.getMember('value')?.text
                if (n != null && n != 'template') valid << n
            }
        }
        MethodCallExpression mce = (MethodCallExpression) call
        if (!(mce.arguments instanceof TupleExpression)) return
        for (Expression arg : ((TupleExpression) mce.arguments).expressions) {
            if (arg instanceof MapExpression) {
                for (MapEntryExpression entry : ((MapExpression) arg).mapEntryExpressions) {
                    if (entry.keyExpression.text == 'retry' && 'retry' in valid) checkRetry(entry.valueExpression)
                    table().put("${entry.keyExpression.lineNumber}:${entry.keyExpression.columnNumber}".toString(),
                            [node.name, valid] as List<Object>)
                    table().put("${entry.valueExpression.lineNumber}:${entry.valueExpression.columnNumber}".toString(),
                            [node.name, valid] as List<Object>)
                }
            }
        }
    }

    /**
     * A request's {@code retry:} written out ({@code retry: [attempts: 3, backoff: 100.ms]}) is checked
     * here, at its place, rather than when the call first runs: its settings' names and their types.
     */
    private void checkRetry(Expression value) {
        if (value instanceof ConstantExpression) {
            Object v = ((ConstantExpression) value).value
            if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
                addStaticTypeError("retry is a number of tries (retry: 3) or settings: retry: [attempts: 3, backoff: 100.ms, max: 2.s, on: [503, 'timeout']]", value)
            }
            return
        }
        if (!(value instanceof MapExpression)) return
        boolean attempts = false
        boolean unknown = false
        for (MapEntryExpression e : ((MapExpression) value).mapEntryExpressions) {
            if (!(e.keyExpression instanceof ConstantExpression)) continue
            String k = e.keyExpression.text
            ClassNode t = getType(e.valueExpression)
            if (!(k in io.barrage.dsl.Retries.SETTINGS)) {
                unknown = true
                addStaticTypeError("retry has no setting '${k}'${DidYouMean.suggestion(k, io.barrage.dsl.Retries.SETTINGS)}".toString(), e.keyExpression)
            } else if (k == 'attempts') {
                attempts = true
                if (!numeric(t)) addStaticTypeError('retry attempts: is the tries in all, counting the first (attempts: 3)', e.valueExpression)
            } else if ((k == 'backoff' || k == 'max') && !known(t, ClassHelper.make(java.time.Duration))) {
                addStaticTypeError("retry ${k}: is a duration such as 100.ms".toString(), e.valueExpression)
            } else if (k == 'jitter' && !numeric(t) && !known(t, ClassHelper.make(io.barrage.dsl.Percent))) {
                addStaticTypeError('retry jitter: is a percentage such as 50.percent', e.valueExpression)
            }
        }
        if (!attempts && !unknown) addStaticTypeError('retry needs attempts: the tries in all, counting the first (attempts: 3)', value)
    }

    private static boolean numeric(ClassNode t) {
        t == ClassHelper.OBJECT_TYPE || t == ClassHelper.DYNAMIC_TYPE || ClassHelper.isNumberType(t) || ClassHelper.getWrapper(t).isDerivedFrom(ClassHelper.Number_TYPE)
    }

    /** True when {@code t} is {@code expected}, or not known before the call runs (Object). */
    private static boolean known(ClassNode t, ClassNode expected) {
        t == ClassHelper.OBJECT_TYPE || t == ClassHelper.DYNAMIC_TYPE || t == expected || t.isDerivedFrom(expected)
    }

    /** Metadata key on the module: source ranges [line, column, lastLine, lastColumn] whose errors are noise. */
    static final String QUIET = 'barrage.quiet'

    /** The blocks of an unknown word: errors inside them would only repeat the first one. */
    private void quiet(ArgumentListExpression args) {
        ModuleNode module = context.source.AST
        List<int[]> ranges = (List<int[]>) module.getNodeMetaData(QUIET)
        if (ranges == null) {
            ranges = []
            module.putNodeMetaData(QUIET, ranges)
        }
        for (Expression a : args.expressions) {
            if (a instanceof org.codehaus.groovy.ast.expr.ClosureExpression) {
                ranges << ([a.lineNumber, a.columnNumber, a.lastLineNumber, a.lastColumnNumber] as int[])
            }
        }
    }

    private Map<String, List<Object>> table() {
        ModuleNode module = context.source.AST
        Map<String, List<Object>> t = (Map<String, List<Object>>) module.getNodeMetaData(NAMED_ARGS)
        if (t == null) {
            t = [:]
            module.putNodeMetaData(NAMED_ARGS, t)
        }
        t
    }

    /** The DSL type whose words apply: the receiver if it is a DSL type, else the enclosing closure's delegate, else the script. */
    private ClassNode wordContext(ClassNode receiver, MethodCall call) {
        boolean implicit = call == null || (call instanceof MethodCallExpression && ((MethodCallExpression) call).implicitThis)
        if (receiver != null && isDsl(receiver) && !implicit) return receiver
        if (!implicit) return null
        ClassNode delegate = delegateType()
        if (delegate != null && isDsl(delegate)) return delegate
        ClassNode script = typeCheckingVisitor.typeCheckingContext.enclosingClassNode
        for (ClassNode c = script; c != null; c = c.superClass) {
            if (c.name == 'io.barrage.dsl.BarrageScript') return c
        }
        null
    }

    /** The delegate type of the closure being checked (Groovy keeps it in a protected field). */
    private ClassNode delegateType() {
        java.lang.reflect.Field f = context.getClass().getDeclaredField('delegationMetadata')
        f.setAccessible(true)
        Object meta = f.get(context)
        if (meta == null) return null
        java.lang.reflect.Method m = meta.getClass().getDeclaredMethod('getType')
        m.setAccessible(true)
        (ClassNode) m.invoke(meta)
    }

    static boolean isDynamic(ClassNode t) {
        t == null || t.name == 'java.lang.Object' || ClassHelper.isDynamicTyped(t)
    }

    static boolean isDsl(ClassNode t) {
        t != null && DESCRIPTIONS.containsKey(t.name)
    }

    static String describe(ClassNode t) {
        DESCRIPTIONS[t.name] ?: "a word of ${t.nameWithoutPackage}"
    }

    /** Public words of a DSL type: methods by name; getters also as property names. */
    static Map<String, List<MethodNode>> words(ClassNode type) {
        Map<String, List<MethodNode>> out = new TreeMap<>()
        for (ClassNode c = type; c != null && c.name.startsWith('io.barrage.'); c = c.superClass) {
            for (MethodNode m : c.allDeclaredMethods) {
                if (!m.isPublic() || m.isSynthetic() || m.name.contains('$') || m.name.startsWith('__') || m.name in HIDDEN) continue
                if (m.isStatic()) continue
                String word = m.name
                if (m.parameters.length == 0 && word.length() > 3 && word.startsWith('get') && Character.isUpperCase(word.charAt(3))) {
                    word = Character.toLowerCase(word.charAt(3)).toString() + word.substring(4)
                } else if (m.parameters.length == 0 && word.length() > 2 && word.startsWith('is') && Character.isUpperCase(word.charAt(2))) {
                    word = Character.toLowerCase(word.charAt(2)).toString() + word.substring(3)
                } else if (m.name.startsWith('set') && m.parameters.length == 1 && m.name.length() > 3 && Character.isUpperCase(m.name.charAt(3))) {
                    continue
                }
                out.computeIfAbsent(word) { [] } << m
            }
            for (ClassNode i : c.interfaces) {
                if (i.name == 'io.barrage.dsl.ThinkTimes') {
                    for (String w : ['constant', 'uniform', 'normal', 'exponential']) out.computeIfAbsent(w) { [] }
                }
            }
        }
        out
    }

    private static Collection<String> callableWords(Map<String, List<MethodNode>> words) {
        words.keySet()
    }

    private static Collection<String> propertyWords(Map<String, List<MethodNode>> words) {
        words.keySet()
    }

    static String simple(ClassNode t) {
        String n = t.nameWithoutPackage
        switch (n) {
            case 'Integer': return 'int'
            case 'LinkedHashMap': return 'Map'
            case 'Closure': return '{ }'
            default: return n
        }
    }
}
