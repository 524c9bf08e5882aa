package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.stc.POJO

/** One problem in a script, with its place: rendered {@code file:line:column: message}. */
@CompileStatic
@POJO
final class ScriptProblem {
    final String file
    final int line
    final int column
    final String message

    ScriptProblem(String file, int line, int column, String message) {
        this.file = file
        this.line = line
        this.column = column
        this.message = message
    }

    @Override
    String toString() {
        line > 0 ? (column > 0 ? "${file}:${line}:${column}: ${message}" : "${file}:${line}: ${message}") : "${file}: ${message}"
    }
}
