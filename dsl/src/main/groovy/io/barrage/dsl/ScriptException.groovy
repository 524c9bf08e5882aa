package io.barrage.dsl

import groovy.transform.CompileStatic

/** A script that cannot run: every problem found, each with its place. */
@CompileStatic
final class ScriptException extends RuntimeException {
    final List<ScriptProblem> problems

    ScriptException(List<ScriptProblem> problems) {
        super(problems.collect { it.toString() }.join('\n'), null, false, false)
        this.problems = List.copyOf(problems)
    }
}
