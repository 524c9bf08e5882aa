package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import groovy.transform.stc.ClosureParams
import groovy.transform.stc.SimpleType
import io.barrage.http.HttpResponse
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation

/**
 * The checks of one response: {@code expect status: 200}, {@code expect status: [200, 204]},
 * {@code expect { it.json.items }}, {@code expect('has items') { it.json.items }}. A failed check
 * makes the call count as failed ({@code check_failed}); the response itself is {@code it}.
 */
@CompileStatic
class ResponseChecks {
    private final HttpResponse response

    ResponseChecks(HttpResponse response) {
        this.response = response
    }

    /** The response being checked. */
    HttpResponse getResponse() { response }

    /** {@code expect status: 200} (or a list or range of statuses). */
    void expect(@NamedParams([@NamedParam(value = 'status', type = Object)]) Map<String, Object> expectations) {
        Object s = expectations.get('status')
        if (s instanceof Number) {
            response.expectStatus(((Number) s).intValue())
        } else if (s instanceof Collection) {
            Collection<?> c = (Collection<?>) s
            int[] statuses = new int[c.size()]
            int i = 0
            for (Object o : c) statuses[i++] = ((Number) o).intValue()
            response.expectStatus(statuses)
        } else if (s != null) {
            throw new IllegalArgumentException("expect status: needs a number, a list or a range of statuses, got ${s}")
        }
    }

    /** A check that holds when the closure returns a true value (Groovy truth). */
    void expect(@ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure check) {
        expect('check', check)
    }

    /** A named check: {@code expect('has items') { it.json.items }}. */
    void expect(String name, @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure check) {
        boolean ok
        try {
            ok = DefaultTypeTransformation.castToBoolean(check.call(response))   // Groovy truth
        } catch (io.barrage.engine.user.VuStopped stopped) {
            throw stopped
        } catch (Exception e) {
            response.expect("${name} threw ${e.getClass().simpleName}: ${e.message}", false)
            return
        }
        response.expect(name, ok)
    }
}
