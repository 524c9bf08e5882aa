package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.DynamicVariable
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.BinaryExpression
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.GStringExpression
import org.codehaus.groovy.ast.expr.MapEntryExpression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.UnaryMinusExpression
import org.codehaus.groovy.ast.expr.UnaryPlusExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.ForStatement
import org.codehaus.groovy.ast.stmt.IfStatement
import org.codehaus.groovy.ast.stmt.WhileStatement
import org.codehaus.groovy.ast.stmt.Statement
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer
import org.codehaus.groovy.syntax.Types

/**
 * Rewrites a scenario script before it is type-checked:
 * <ul>
 *   <li>in {@code assertions { }}, {@code p95 < 250.ms} becomes {@code p95.compare('<', 250.ms, 'p95 < 250.ms', 'p95', '250.ms')};
 *   <li>a statement such as {@code think -1.s} (a subtraction to Groovy) becomes {@code think(-1.s)};
 *   <li>in configuration blocks (the script body, {@code scenario}, {@code phases}, {@code assertions},
 *       {@code guardrails}, {@code sim}, {@code http}) every statement is preceded by
 *       {@code SourcePositions.at(line, column, named-argument positions)}, so that problems found
 *       later name their place; user code ({@code user}, {@code setup}, {@code teardown}) is left alone;
 *   <li>{@code http.get("/items/${id}")} gets {@code template: '/items/{id}'}, so its stats group under
 *       {@code GET /items/{id}};
 *   <li>{@code user { }}, {@code setup { }} and {@code teardown { }} are preceded by
 *       {@code SourcePositions.calls(...)} naming their HTTP calls with a relative path written out,
 *       so that a scenario without a target or sim can say where they are.
 * </ul>
 */
@CompileStatic
final class ScriptTransforms extends CompilationCustomizer {
    static final Set<String> CONFIG_BLOCKS = ['scenario', 'phases', 'assertions', 'guardrails', 'sim', 'http', 'backend', 'balance', 'capacity', 'until', 'redis', 'profile'] as Set
    static final Set<String> HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as Set
    static final Set<String> USER_BLOCKS = ['user', 'setup', 'teardown'] as Set
    static final Set<Integer> COMPARISONS = [Types.COMPARE_LESS_THAN, Types.COMPARE_LESS_THAN_EQUAL, Types.COMPARE_GREATER_THAN,
                                             Types.COMPARE_GREATER_THAN_EQUAL, Types.COMPARE_EQUAL] as Set
    private static final ClassNode POSITIONS = ClassHelper.make(SourcePositions)

    ScriptTransforms() {
        super(CompilePhase.CANONICALIZATION)
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) return
        MethodNode run = classNode.getMethod('run', org.codehaus.groovy.ast.Parameter.EMPTY_ARRAY)
        if (run == null || !(run.code instanceof BlockStatement)) return
        new Templates(source).visitClass(classNode)
        run.code.visit(new NegativeArguments())
        this.source = source
        instrument((BlockStatement) run.code, false)
    }

    private SourceUnit source

    /** The source text of a node on one line, or its AST text. */
    private String text(org.codehaus.groovy.ast.ASTNode node) {
        try {
            if (node.lineNumber > 0 && node.lineNumber == node.lastLineNumber) {
                String line = source.source.getLine(node.lineNumber, null)
                if (line != null && node.lastColumnNumber - 1 <= line.length()) {
                    return line.substring(node.columnNumber - 1, node.lastColumnNumber - 1).trim()
                }
            }
        } catch (RuntimeException ignored) {
            // fall back to the AST's text
        }
        node.text
    }

    /** Adds position markers to a configuration block, recursing into the configuration blocks it holds. */
    private void instrument(BlockStatement block, boolean assertions) {
        List<Statement> out = []
        for (Statement st : block.statements) {
            if (st instanceof ExpressionStatement) {
                ExpressionStatement es = (ExpressionStatement) st
                if (assertions) es.expression = rewriteComparison(es.expression, text(es.expression))
                abortWhen(es.expression)
                out << marker(es)
                Statement calls = relativeCalls(es)
                if (calls != null) out << calls
                descend(es.expression, assertions)
            } else {
                if (st.lineNumber > 0) out << marker(st)
                nested(st, assertions)
            }
            out << st
        }
        block.statements.clear()
        block.statements.addAll(out)
    }

    /** {@code abortWhen errorRate > 10.percent, over: 30.s}: the comparison becomes {@code errorRate.compare('>', …)}. */
    private void abortWhen(Expression e) {
        if (!(e instanceof MethodCallExpression)) return
        MethodCallExpression call = (MethodCallExpression) e
        if (call.methodAsString != 'abortWhen' || !(call.arguments instanceof TupleExpression)) return
        List<Expression> list = ((TupleExpression) call.arguments).expressions
        for (int i = 0; i < list.size(); i++) list.set(i, rewriteComparison(list[i], text(list[i])))
    }

    /** Methods whose closure runs as part of the statements around it: scenarios or assertions made in a loop. */
    static final Set<String> LOOPS = ['each', 'eachWithIndex', 'times', 'upto', 'downto', 'step'] as Set

    private void descend(Expression e, boolean assertions) {
        if (!(e instanceof MethodCallExpression)) return
        MethodCallExpression call = (MethodCallExpression) e
        String name = call.methodAsString
        if (name == null || !(name in CONFIG_BLOCKS || name in LOOPS)) return
        boolean mode = name in LOOPS ? assertions : (name == 'assertions' || name == 'until')
        for (Expression arg : args(call)) {
            if (arg instanceof ClosureExpression && ((ClosureExpression) arg).code instanceof BlockStatement) {
                instrument((BlockStatement) ((ClosureExpression) arg).code, mode)
            }
        }
    }

    /** The blocks of {@code for}, {@code while} and {@code if} in a configuration block: instrumented as the block around them. */
    private void nested(Statement st, boolean assertions) {
        if (st instanceof ForStatement) body(((ForStatement) st).loopBlock, assertions)
        else if (st instanceof WhileStatement) body(((WhileStatement) st).loopBlock, assertions)
        else if (st instanceof IfStatement) {
            body(((IfStatement) st).ifBlock, assertions)
            body(((IfStatement) st).elseBlock, assertions)
        } else if (st instanceof BlockStatement) {
            instrument((BlockStatement) st, assertions)
        }
    }

    private void body(Statement st, boolean assertions) {
        if (st instanceof BlockStatement) {
            instrument((BlockStatement) st, assertions)
        } else if (st instanceof ExpressionStatement) {
            // a body without braces: rewritten in place (no marker before it)
            ExpressionStatement es = (ExpressionStatement) st
            if (assertions) es.expression = rewriteComparison(es.expression, text(es.expression))
            abortWhen(es.expression)
            descend(es.expression, assertions)
        } else if (st != null) {
            nested(st, assertions)
        }
    }

    /**
     * For {@code user { }}, {@code setup { }} and {@code teardown { }}: a call of
     * {@code SourcePositions.calls('http.get(\'/x\')', line, column, ...)} naming the HTTP calls in
     * the block whose path is a relative one written out, so that a scenario with nowhere to send
     * them can say where they are; null when there are none.
     */
    private Statement relativeCalls(ExpressionStatement st) {
        if (!(st.expression instanceof MethodCallExpression)) return null
        MethodCallExpression call = (MethodCallExpression) st.expression
        if (!call.implicitThis || !(call.methodAsString in USER_BLOCKS)) return null
        HttpCalls visitor = new HttpCalls()
        for (Expression arg : args(call)) {
            if (arg instanceof ClosureExpression) ((ClosureExpression) arg).code.visit(visitor)
        }
        List<Expression> found = []
        for (MethodCallExpression c : visitor.calls) {
            found << new ConstantExpression("http.${c.methodAsString}(${text(relativePath(c))})".toString())
            found << new ConstantExpression(c.lineNumber, true)
            found << new ConstantExpression(c.columnNumber, true)
        }
        if (found.isEmpty()) return null
        Statement m = new ExpressionStatement(new StaticMethodCallExpression(POSITIONS, 'calls', new ArgumentListExpression(found)))
        m.setSourcePosition(st)
        m
    }

    /** Finds the HTTP calls of a block whose path is a relative one written out. */
    private static final class HttpCalls extends CodeVisitorSupport {
        final List<MethodCallExpression> calls = []

        @Override
        void visitMethodCallExpression(MethodCallExpression c) {
            if (relativePath(c) != null) calls << c
            super.visitMethodCallExpression(c)
        }
    }

    /** The path of {@code http.get('/x')} (or a GString such as {@code "/items/${id}"}) when it is written out and relative, else null. */
    static Expression relativePath(MethodCallExpression c) {
        if (!(c.methodAsString in HTTP_METHODS) || !(c.objectExpression instanceof VariableExpression)
                || ((VariableExpression) c.objectExpression).name != 'http') {
            return null
        }
        List<Expression> list = args(c)
        int i = !list.isEmpty() && list[0] instanceof MapExpression ? 1 : 0
        if (list.size() <= i) return null
        Expression path = list[i]
        String start
        if (path instanceof ConstantExpression && ((ConstantExpression) path).value instanceof String) {
            start = (String) ((ConstantExpression) path).value
        } else if (path instanceof GStringExpression && !((GStringExpression) path).strings.isEmpty()) {
            start = String.valueOf(((GStringExpression) path).strings[0].value)
            if (start.isEmpty()) return null   // "${base}/x": the start is not known before it runs
        } else {
            return null
        }
        start.startsWith('http://') || start.startsWith('https://') ? null : path
    }

    private static List<Expression> args(MethodCallExpression call) {
        call.arguments instanceof TupleExpression ? ((TupleExpression) call.arguments).expressions : [call.arguments]
    }

    private static Statement marker(Statement st) {
        List<Expression> a = [new ConstantExpression(st.lineNumber, true), new ConstantExpression(st.columnNumber, true)] as List<Expression>
        if (st instanceof ExpressionStatement && ((ExpressionStatement) st).expression instanceof MethodCallExpression) {
            MethodCallExpression call = (MethodCallExpression) ((ExpressionStatement) st).expression
            for (Expression arg : args(call)) {
                if (arg instanceof MapExpression) {
                    for (MapEntryExpression entry : ((MapExpression) arg).mapEntryExpressions) {
                        if (entry.keyExpression instanceof ConstantExpression) {
                            a << new ConstantExpression(String.valueOf(((ConstantExpression) entry.keyExpression).value))
                            a << new ConstantExpression(entry.keyExpression.lineNumber, true)
                            a << new ConstantExpression(entry.keyExpression.columnNumber, true)
                        }
                    }
                }
            }
        }
        Statement m = new ExpressionStatement(new StaticMethodCallExpression(POSITIONS, 'at', new ArgumentListExpression(a)))
        m.setSourcePosition(st)
        m
    }

    /** Rewrites statements such as {@code think -1.s}, in configuration blocks and user code alike. */
    private static final class NegativeArguments extends CodeVisitorSupport {
        @Override
        void visitExpressionStatement(ExpressionStatement st) {
            st.expression = negativeArgument(st.expression)
            super.visitExpressionStatement(st)
        }
    }

    /** The DSL's commands that take one number or duration, where {@code word -x} means {@code word(-x)}. */
    static final Set<String> VALUE_COMMANDS = [
            'think', 'timeout', 'connectTimeout', 'maxConnections', 'maxConcurrency', 'seed',
            'maxRate', 'maxUsers', 'maxDuration', 'backends', 'capacity', 'port', 'latency', 'upstreamTimeout',
            'weight', 'cpu', 'memory', 'errors', 'threshold', 'from', 'max', 'growth', 'hold', 'settle',
            'precision', 'within'] as Set<String>

    /**
     * {@code think -1.s} → {@code think(-1.s)}. Groovy reads a word followed by a negative number as a
     * subtraction ({@code think - 1.s}), which as a statement does nothing; read as the command it
     * looks like, the value reaches validation, which says why it may not be negative there.
     */
    static Expression negativeArgument(Expression e) {
        if (!(e instanceof BinaryExpression)) return e
        BinaryExpression b = (BinaryExpression) e
        if (b.operation.type != Types.MINUS || !(b.leftExpression instanceof VariableExpression)) return e
        VariableExpression word = (VariableExpression) b.leftExpression
        if (!(word.accessedVariable instanceof DynamicVariable)) return e   // a variable of the script's own: a real subtraction
        // only the DSL's commands of one value: `iteration - 1` or `shared - 1` in a closure is arithmetic
        if (!VALUE_COMMANDS.contains(word.name)) return e
        UnaryMinusExpression negative = new UnaryMinusExpression(b.rightExpression)
        negative.setSourcePosition(b.rightExpression)
        MethodCallExpression call = new MethodCallExpression(VariableExpression.THIS_EXPRESSION, word.name, new ArgumentListExpression(negative))
        call.implicitThis = true
        call.setSourcePosition(b)
        call
    }

    /**
     * {@code a < b} → {@code a.compare('<', b, 'a < b', 'a', 'b')}; anything else unchanged. The last
     * two are the source of each side when it is written out (a metric word, {@code 250.ms}), else
     * null: an assertion then names the metric and the bound's value, not a variable.
     */
    private Expression rewriteComparison(Expression e, String source) {
        if (!(e instanceof BinaryExpression)) return e
        BinaryExpression b = (BinaryExpression) e
        if (!(b.operation.type in COMPARISONS)) return e
        String op = b.operation.text
        Expression left = new ConstantExpression(literal(b.leftExpression, true) ? text(b.leftExpression) : null)
        Expression right = new ConstantExpression(literal(b.rightExpression, false) ? text(b.rightExpression) : null)
        MethodCallExpression call = new MethodCallExpression(b.leftExpression, 'compare',
                new ArgumentListExpression([new ConstantExpression(op), b.rightExpression, new ConstantExpression(source), left, right] as List<Expression>))
        call.setSourcePosition(b)
        call.implicitThis = false
        call
    }

    /**
     * True when an expression's value is written out in the source: {@code 250.ms}, {@code -1.percent},
     * {@code 'GET /x'}, {@code [phase: 'peak']}; with {@code words}, also the metric words of an
     * assertion's left side ({@code p95}, {@code service.p99}, {@code p99('GET /x')}).
     */
    private static boolean literal(Expression e, boolean words) {
        if (e instanceof ConstantExpression) return true
        if (e instanceof UnaryMinusExpression) return literal(((UnaryMinusExpression) e).expression, words)
        if (e instanceof UnaryPlusExpression) return literal(((UnaryPlusExpression) e).expression, words)
        if (e instanceof VariableExpression) return words
        if (e instanceof PropertyExpression) return literal(((PropertyExpression) e).objectExpression, words)
        if (e instanceof MapExpression) {
            return ((MapExpression) e).mapEntryExpressions.every { MapEntryExpression m -> literal(m.keyExpression, false) && literal(m.valueExpression, false) }
        }
        if (e instanceof MethodCallExpression && words) {
            MethodCallExpression call = (MethodCallExpression) e
            return (call.implicitThis || literal(call.objectExpression, true)) && args(call).every { Expression a -> literal(a, false) }
        }
        false
    }

    /** Adds {@code template:} to HTTP calls whose path is a GString. */
    private static final class Templates extends ClassCodeExpressionTransformer {
        private final SourceUnit source

        Templates(SourceUnit source) {
            this.source = source
        }

        @Override
        protected SourceUnit getSourceUnit() {
            source
        }

        @Override
        Expression transform(Expression e) {
            if (e instanceof MethodCallExpression) {
                MethodCallExpression call = (MethodCallExpression) e
                if (call.methodAsString in HTTP_METHODS && call.arguments instanceof TupleExpression) {
                    List<Expression> list = ((TupleExpression) call.arguments).expressions
                    int pathIndex = !list.isEmpty() && list[0] instanceof MapExpression ? 1 : 0
                    if (list.size() > pathIndex && list[pathIndex] instanceof GStringExpression) {
                        String template = template((GStringExpression) list[pathIndex])
                        MapEntryExpression entry = new MapEntryExpression(new ConstantExpression('template'), new ConstantExpression(template))
                        if (pathIndex == 1) {
                            MapExpression map = (MapExpression) list[0]
                            if (!map.mapEntryExpressions.any { it.keyExpression.text == 'template' }) map.addMapEntryExpression(entry)
                        } else {
                            MapExpression map = new MapExpression([entry])
                            list.add(0, map)
                        }
                    }
                }
            }
            if (e instanceof ClosureExpression) {
                ((ClosureExpression) e).code.visit(this)
                return e
            }
            e.transformExpression(this)
        }

        static String template(GStringExpression g) {
            StringBuilder b = new StringBuilder()
            List<ConstantExpression> strings = g.strings
            List<Expression> values = g.values
            for (int i = 0; i < strings.size(); i++) {
                b.append(strings[i].value)
                if (i < values.size()) b.append('{').append(name(values[i])).append('}')
            }
            b.toString()
        }

        /** A variable or property names its placeholder ({@code ${item.sku}} → {@code {sku}}); any other expression is an {@code {id}}. */
        private static String name(Expression v) {
            if (v instanceof VariableExpression) return ((VariableExpression) v).name
            if (v instanceof PropertyExpression) return ((PropertyExpression) v).propertyAsString ?: 'id'
            'id'
        }
    }
}
