package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.AnnotationNode
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.ListExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Records on a script's class ({@link ScriptParams}) the parameters it names: every
 * {@code param('NAME', …)} and {@code param('NAME')} of the script, on any path, so that a
 * {@code -p NAME=…} the script cannot read is told apart from one it reads only on some runs.
 */
@CompileStatic
final class ParamNames extends CompilationCustomizer {
    private static final ClassNode ANNOTATION = ClassHelper.make(ScriptParams)

    ParamNames() {
        super(CompilePhase.CANONICALIZATION)
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript() || !classNode.getAnnotations(ANNOTATION).isEmpty()) return
        Collector c = new Collector(source)
        c.visitClass(classNode)
        AnnotationNode a = new AnnotationNode(ANNOTATION)
        a.setRuntimeRetention(true)
        a.addMember('value', new ListExpression(c.names.collect { String n -> (Expression) new ConstantExpression(n) }))
        a.addMember('computed', new ConstantExpression(c.computed, true))
        classNode.addAnnotation(a)
    }

    private static final class Collector extends ClassCodeVisitorSupport {
        final SourceUnit source
        final Set<String> names = new LinkedHashSet<>()
        boolean computed

        Collector(SourceUnit source) {
            this.source = source
        }

        @Override
        protected SourceUnit getSourceUnit() {
            source
        }

        @Override
        void visitMethodCallExpression(MethodCallExpression call) {
            if (call.methodAsString == 'param' && onScript(call) && call.arguments instanceof TupleExpression) {
                List<Expression> args = ((TupleExpression) call.arguments).expressions
                if (args.size() == 1 || args.size() == 2) {
                    Expression first = args[0]
                    if (first instanceof ConstantExpression && ((ConstantExpression) first).value instanceof String) {
                        names << (String) ((ConstantExpression) first).value
                    } else {
                        computed = true
                    }
                }
            }
            super.visitMethodCallExpression(call)
        }

        private static boolean onScript(MethodCallExpression call) {
            call.implicitThis || (call.objectExpression instanceof VariableExpression && ((VariableExpression) call.objectExpression).thisExpression)
        }
    }
}
