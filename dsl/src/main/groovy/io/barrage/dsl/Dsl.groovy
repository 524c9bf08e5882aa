package io.barrage.dsl

import groovy.transform.CompileStatic

/** Small helpers shared by the spec classes. */
@CompileStatic
final class Dsl {
    private Dsl() {}

    /**
     * Calls a configuration closure with a delegate. The compiler checks it delegate-only (so a
     * typo is an error); at run time the owner stays reachable, for the script's own helpers.
     */
    static void call(Object body, Object delegate) {
        Closure c = (Closure) ((Closure) body).clone()
        c.delegate = delegate
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.call()
    }
}
