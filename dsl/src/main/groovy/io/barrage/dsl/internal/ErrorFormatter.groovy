package io.barrage.dsl.internal

import groovy.transform.CompileStatic
import io.barrage.dsl.ScriptProblem
import org.codehaus.groovy.control.ErrorCollector
import org.codehaus.groovy.control.messages.ExceptionMessage
import org.codehaus.groovy.control.messages.Message
import org.codehaus.groovy.control.messages.SimpleMessage
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.syntax.SyntaxException

/** Turns Groovy's compile errors into barrage's one-line, file:line:column messages. */
@CompileStatic
final class ErrorFormatter {
    private ErrorFormatter() {}

    private static final Map<String, String> TYPE_WORDS = [
        'java.time.Duration'        : 'a duration such as 30.s',
        'Duration'                  : 'a duration such as 30.s',
        'java.lang.Number'          : 'a number',
        'java.lang.Integer'         : 'a whole number',
        'java.lang.String'          : "a string such as 'text'",
        'java.lang.Boolean'         : 'true or false',
        'java.util.Map'             : 'a map such as [name: value]',
        'java.util.List'            : 'a list such as [1, 2]',
        'io.barrage.dsl.Percent'    : 'a percentage such as 5.percent',
    ]

    static List<ScriptProblem> format(String file, String text, ErrorCollector errors, Map<String, List<Object>> namedArgs, List<int[]> quiet) {
        List<ScriptProblem> out = []
        List<String> source = text.readLines()
        int lines = source.size()
        for (Message m : errors.errors ?: []) {
            if (m instanceof SyntaxErrorMessage) {
                SyntaxException e = ((SyntaxErrorMessage) m).cause
                if (inside(quiet, e.line, e.startColumn)) continue
                String msg = e.originalMessage
                if (msg.startsWith('Unexpected input: ')) {
                    msg = e.line > lines ? 'the script ends too early: a closing } or ) is missing'
                            : unexpected(msg, e.line >= 1 ? source[e.line - 1] : '', e.startColumn)
                }
                out << new ScriptProblem(file, e.line, e.startColumn, rewrite(msg, "${e.line}:${e.startColumn}", namedArgs))
            } else if (m instanceof ExceptionMessage) {
                Exception e = ((ExceptionMessage) m).cause
                out << new ScriptProblem(file, 0, 0, "cannot compile: ${e.message}")
            } else if (m instanceof SimpleMessage) {
                out << new ScriptProblem(file, 0, 0, ((SimpleMessage) m).message)
            }
        }
        out.unique { ScriptProblem p -> p.toString() }
    }

    private static boolean inside(List<int[]> ranges, int line, int column) {
        for (int[] r : ranges ?: []) {
            boolean afterStart = line > r[0] || (line == r[0] && column > r[1])
            boolean beforeEnd = line < r[2] || (line == r[2] && column < r[3])
            if (afterStart && beforeEnd) return true
        }
        false
    }

    /**
     * Quotes the line the position names (Groovy's own snippet starts where its parser's rule began,
     * often lines earlier, and escapes its newlines); a long line is cut around the column.
     */
    private static String unexpected(String msg, String line, int column) {
        String near = line.strip()
        if (near.isEmpty()) {
            String snippet = msg.substring('Unexpected input: '.length()).replaceAll(/^'|'$/, '')
            near = (snippet.readLines().find { it.trim() } ?: snippet).trim()
            if (near.length() > 40) near = near.substring(0, 40) + '…'
        } else if (near.length() > 60) {
            int at = Math.max(0, column - 1 - (line.length() - line.stripLeading().length()))
            int from = Math.max(0, Math.min(at - 20, near.length() - 60))
            near = (from > 0 ? '…' : '') + near.substring(from, from + 60) + (from + 60 < near.length() ? '…' : '')
        }
        "unexpected input near '${near}': check the commas, braces, parentheses and quotes before it"
    }

    static String rewrite(String original, String at, Map<String, List<Object>> namedArgs) {
        String msg = original.replace('[Static type checking] - ', '').trim()
        msg = msg.replaceAll(/\s*@ line \d+, column \d+\.?$/, '')
        def m = msg =~ /^unexpected named arg: (\S+)$/
        if (m.matches()) {
            String arg = m.group(1)
            List<Object> info = namedArgs?.get(at)
            if (info != null) {
                List<String> valid = (List<String>) info[1]
                return "'${arg}' is not a setting of ${info[0]}${DidYouMean.suggestion(arg, valid)}"
            }
            return "'${arg}' is not a setting here"
        }
        m = msg =~ /^argument for named param '(\S+)' has type '([^']+)' but expected '([^']+)'\.?$/
        if (m.matches()) {
            String want = TYPE_WORDS[m.group(3)] ?: simplify(m.group(3))
            return "${m.group(1)}: needs ${want}, got ${article(simplify(m.group(2)))}"
        }
        m = msg =~ /^missing required named arg: (\S+)$/
        if (m.matches()) return "needs ${m.group(1)}:"
        m = msg =~ /^Cannot find matching method ([^#]+)#(\S+?)\((.*)\)\. Please check.*$/
        if (m.matches()) {
            return "no ${m.group(2)}(${simplify(m.group(3))}) on ${simplify(m.group(1))}"
        }
        m = msg =~ /^The variable \[(\S+)\] is undeclared\.?$/
        if (m.matches()) return "'${m.group(1)}' is not defined here"
        m = msg =~ /^Cannot assign value of type (\S+) to variable of type (\S+)$/
        if (m.matches()) return "cannot assign ${article(simplify(m.group(1)))} to a variable of type ${simplify(m.group(2))}"
        msg = msg.replaceAll(/\.$/, '')
        simplify(msg)
    }

    static String simplify(String types) {
        String s = types.replaceAll(/<[^<>]*(<[^<>]*>[^<>]*)*>/, '')
        s = s.replaceAll(/\bjava\.(lang|util|time)\.(\w+)/, '$2')
        s = s.replaceAll(/\bio\.barrage\.\w+\.(\w+)/, '$1')
        s = s.replace('LinkedHashMap', 'Map').replace('ArrayList', 'List').replace('groovy.lang.Closure', '{ }')
        s.replace('Integer', 'int')
    }

    private static String article(String type) {
        type ==~ /[AEIOUaeiou].*/ ? "an ${type}" : "a ${type}"
    }
}
