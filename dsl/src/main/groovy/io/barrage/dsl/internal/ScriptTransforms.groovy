package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer
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
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.ast.stmt.BlockStatement
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.Statement
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer
import org.codehaus.groovy.syntax.Types

/**
 * Rewrites a scenario script before it is type-checked:
 * <ul>
 *   <li>in {@code assertions { }}, {@code p95 < 250.ms} becomes {@code p95.compare('<', 250.ms, 'p95 < 250.ms')};
 *   <li>in configuration blocks (the script body, {@code scenario}, {@code phases}, {@code assertions},
 *       {@code guardrails}, {@code sim}, {@code http}) every statement is preceded by
 *       {@code SourcePositions.at(line, column, named-argument positions)}, so that problems found
 *       later name their place; user code ({@code user}, {@code setup}, {@code teardown}) is left alone;
 *   <li>{@code http.get("/items/${id}")} gets {@code template: '/items/{id}'}, so its stats group under
 *       {@code GET /items/{id}}.
 * </ul>
 */
@CompileStatic
final class ScriptTransforms extends CompilationCustomizer {
    static final Set<String> CONFIG_BLOCKS = ['scenario', 'phases', 'assertions', 'guardrails', 'sim', 'http', 'backend', 'balance', 'capacity', 'until'] as Set
    static final Set<String> HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as Set
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
                out << marker(es)
                descend(es.expression)
            } else {
                if (st.lineNumber > 0) out << marker(st)
            }
            out << st
        }
        block.statements.clear()
        block.statements.addAll(out)
    }

    private void descend(Expression e) {
        if (!(e instanceof MethodCallExpression)) return
        MethodCallExpression call = (MethodCallExpression) e
        String name = call.methodAsString
        if (name == null || !(name in CONFIG_BLOCKS)) return
        for (Expression arg : args(call)) {
            if (arg instanceof ClosureExpression && ((ClosureExpression) arg).code instanceof BlockStatement) {
                instrument((BlockStatement) ((ClosureExpression) arg).code, name == 'assertions' || name == 'until')
            }
        }
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

    /** {@code a < b} → {@code a.compare('<', b, 'a < b')}; anything else unchanged. */
    static Expression rewriteComparison(Expression e, String text) {
        if (!(e instanceof BinaryExpression)) return e
        BinaryExpression b = (BinaryExpression) e
        if (!(b.operation.type in COMPARISONS)) return e
        String op = b.operation.text
        MethodCallExpression call = new MethodCallExpression(b.leftExpression, 'compare',
                new ArgumentListExpression(new ConstantExpression(op), b.rightExpression, new ConstantExpression(text)))
        call.setSourcePosition(b)
        call.implicitThis = false
        call
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
