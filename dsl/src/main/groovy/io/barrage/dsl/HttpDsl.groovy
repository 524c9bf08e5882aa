package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import groovy.transform.stc.POJO
import groovy.transform.stc.ClosureParams
import groovy.transform.stc.SimpleType
import io.barrage.dsl.internal.ScriptFrames
import io.barrage.engine.user.ScriptError
import io.barrage.http.CookieJar
import io.barrage.http.Http
import io.barrage.http.HttpResponse
import io.barrage.http.RequestOptions
import java.time.Duration
import java.util.function.Consumer

/**
 * {@code http} in user code: {@code http.get('/catalog', headers: [...]) { expect status: 200 }}.
 * Settings: {@code headers}, {@code query}, {@code json}, {@code form}, {@code body} (with
 * {@code contentType}), {@code step} (the name stats are grouped under; default
 * {@code METHOD /path/template}) and {@code timeout}. The closure checks the response; a failed
 * request never throws: the response carries its error.
 */
@CompileStatic
class HttpDsl {
    private final Http http
    private final String file
    /** The scenario's name when it has no target and no sim (relative paths have nowhere to go), else null. */
    private final String nowhere

    HttpDsl(Http http) {
        this(http, null, null)
    }

    /** The script's file, to name its lines in mistakes found while it runs. */
    @groovy.transform.PackageScope String scriptFile() { file }

    HttpDsl(Http http, String file, String nowhere) {
        this.http = http
        this.file = file
        this.nowhere = nowhere
    }

    /** This user's cookies. */
    CookieJar getCookies() { http.cookies() }

    /** {@code GET} a path (relative to the target) or a URL. */
    HttpResponse get(String path) { call('GET', null, path, null) }

    /** {@code GET} with checks: {@code http.get('/x') { expect status: 200 }}. */
    HttpResponse get(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('GET', null, path, checks) }

    /** {@code GET} with settings: {@code http.get('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse get(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('GET', settings, path, null) }

    /** {@code GET} with settings and checks. */
    HttpResponse get(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('GET', settings, path, checks)
    }

    /** {@code POST} a path (relative to the target) or a URL. */
    HttpResponse post(String path) { call('POST', null, path, null) }

    /** {@code POST} with checks: {@code http.post('/x') { expect status: 200 }}. */
    HttpResponse post(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('POST', null, path, checks) }

    /** {@code POST} with settings: {@code http.post('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse post(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('POST', settings, path, null) }

    /** {@code POST} with settings and checks. */
    HttpResponse post(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('POST', settings, path, checks)
    }

    /** {@code PUT} a path (relative to the target) or a URL. */
    HttpResponse put(String path) { call('PUT', null, path, null) }

    /** {@code PUT} with checks: {@code http.put('/x') { expect status: 200 }}. */
    HttpResponse put(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('PUT', null, path, checks) }

    /** {@code PUT} with settings: {@code http.put('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse put(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('PUT', settings, path, null) }

    /** {@code PUT} with settings and checks. */
    HttpResponse put(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('PUT', settings, path, checks)
    }

    /** {@code PATCH} a path (relative to the target) or a URL. */
    HttpResponse patch(String path) { call('PATCH', null, path, null) }

    /** {@code PATCH} with checks: {@code http.patch('/x') { expect status: 200 }}. */
    HttpResponse patch(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('PATCH', null, path, checks) }

    /** {@code PATCH} with settings: {@code http.patch('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse patch(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('PATCH', settings, path, null) }

    /** {@code PATCH} with settings and checks. */
    HttpResponse patch(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('PATCH', settings, path, checks)
    }

    /** {@code DELETE} a path (relative to the target) or a URL. */
    HttpResponse delete(String path) { call('DELETE', null, path, null) }

    /** {@code DELETE} with checks: {@code http.delete('/x') { expect status: 200 }}. */
    HttpResponse delete(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('DELETE', null, path, checks) }

    /** {@code DELETE} with settings: {@code http.delete('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse delete(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('DELETE', settings, path, null) }

    /** {@code DELETE} with settings and checks. */
    HttpResponse delete(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('DELETE', settings, path, checks)
    }

    /** {@code HEAD} a path (relative to the target) or a URL. */
    HttpResponse head(String path) { call('HEAD', null, path, null) }

    /** {@code HEAD} with checks: {@code http.head('/x') { expect status: 200 }}. */
    HttpResponse head(String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) { call('HEAD', null, path, checks) }

    /** {@code HEAD} with settings: {@code http.head('/x', headers: [Accept: 'application/json'])}. */
    HttpResponse head(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path) { call('HEAD', settings, path, null) }

    /** {@code HEAD} with settings and checks. */
    HttpResponse head(@NamedParams([@NamedParam(value = 'headers', type = Map), @NamedParam(value = 'query', type = Map), @NamedParam(value = 'json', type = Object), @NamedParam(value = 'form', type = Map), @NamedParam(value = 'body', type = Object), @NamedParam(value = 'contentType', type = String), @NamedParam(value = 'step', type = String), @NamedParam(value = 'timeout', type = Duration), @NamedParam(value = 'template', type = String), @NamedParam(value = 'retry', type = Object)]) Map<String, Object> settings, String path, @DelegatesTo(value = ResponseChecks, strategy = Closure.DELEGATE_FIRST) @ClosureParams(value = SimpleType, options = 'io.barrage.http.HttpResponse') Closure checks) {
        call('HEAD', settings, path, checks)
    }

    private HttpResponse call(String method, Map<String, Object> settings, String path, Object checks) {
        if (nowhere != null && path != null && !path.startsWith('http://') && !path.startsWith('https://')) throw noTarget(method, path)
        RequestOptions options = settings == null || settings.isEmpty() ? RequestOptions.NONE : options(settings)
        HttpResponse r = http.request(method, path, options, checks == null ? null : new ClosureChecks((Closure) checks))
        lastStep = r.step
        r
    }

    /** The step of this user's last call, or null before its first: where {@code count} adds. */
    @PackageScope String lastStep

    /** A relative path with nowhere to go, named with the script's line of the call: one clear warning of the run. */
    private ScriptError noTarget(String method, String path) {
        String where = ScriptFrames.here(file)
        String call = "http.${method.toLowerCase(Locale.ROOT)}('${path}')"
        new ScriptError(where, ScenarioSpec.noTargetMessage(call, nowhere, []))
    }

    /**
     * Runs a call's checks closure on its response (a class of its own: a closure coerced with
     * {@code as Consumer} is a dynamic proxy, built on every call and invoked through reflection).
     */
    @POJO
    private static final class ClosureChecks implements Consumer<HttpResponse> {
        private final Closure checks

        ClosureChecks(Closure checks) {
            this.checks = checks
        }

        @Override
        void accept(HttpResponse r) {
            Closure c = (Closure) checks.clone()
            c.delegate = new ResponseChecks(r)
            c.resolveStrategy = Closure.DELEGATE_FIRST
            c.call(r)
        }
    }

    /** A call's settings (equals and a loop, not a closure and a switch on strings: Groovy dispatches those dynamically on every call). */
    private static RequestOptions options(Map<String, Object> s) {
        RequestOptions o = RequestOptions.options()
        for (Map.Entry<String, Object> e : s.entrySet()) {
            String k = e.key
            Object v = e.value
            if (k.equals('headers')) o.headers((Map<String, ?>) v)
            else if (k.equals('query')) o.query((Map<String, ?>) v)
            else if (k.equals('json')) o.json(v)
            else if (k.equals('form')) o.form((Map<String, ?>) v)
            else if (k.equals('body')) {
                String type = (String) s.get('contentType')
                boolean given = type != null && !type.isEmpty()
                if (v instanceof byte[]) o.body((byte[]) v, given ? type : 'application/octet-stream')
                else o.body(String.valueOf(v), given ? type : 'text/plain; charset=utf-8')
            }
            else if (k.equals('contentType')) continue
            else if (k.equals('step')) o.step(String.valueOf(v))
            else if (k.equals('template')) o.template(String.valueOf(v))
            else if (k.equals('timeout')) o.timeout((Duration) v)
            else if (k.equals('retry')) o.retry(Retries.parse(v))
            else throw new IllegalArgumentException("'${k}' is not an http setting (valid: body, contentType, form, headers, json, query, retry, step, timeout)")
        }
        o
    }
}
