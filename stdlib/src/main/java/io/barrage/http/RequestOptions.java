package io.barrage.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional parts of one request: headers, query parameters, a body (JSON, form, text or
 * bytes), a step name, a timeout. A small mutable builder; {@link #NONE} is the empty one.
 */
public final class RequestOptions {
    public static final RequestOptions NONE = new RequestOptions();

    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, Object> query = new LinkedHashMap<>();
    Object json;
    Map<String, ?> form;
    byte[] body;
    java.io.InputStream stream;
    String contentType;
    String step;
    String template;
    Duration timeout;
    RetryPolicy retry;

    public static RequestOptions options() {
        return new RequestOptions();
    }

    /** @throws IllegalArgumentException for a name or value HTTP does not allow (a line break, say) */
    public RequestOptions header(String name, String value) {
        HeaderBlock.check(name, value);
        headers.put(name, value);
        return this;
    }

    public RequestOptions headers(Map<String, ?> values) {
        values.forEach((k, v) -> header(k, String.valueOf(v)));
        return this;
    }

    public RequestOptions query(String name, Object value) {
        query.put(name, value);
        return this;
    }

    public RequestOptions query(Map<String, ?> values) {
        query.putAll(values);
        return this;
    }

    /** A JSON body (maps, lists, records, strings, numbers), sent as application/json. */
    public RequestOptions json(Object value) {
        this.json = value;
        return this;
    }

    /** A form body, sent as application/x-www-form-urlencoded. */
    public RequestOptions form(Map<String, ?> fields) {
        this.form = fields;
        return this;
    }

    public RequestOptions body(String text, String contentType) {
        this.body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.contentType = contentType;
        return this;
    }

    public RequestOptions body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        this.contentType = contentType;
        return this;
    }

    /**
     * A body read from a stream as it is sent (chunked), for bodies too large to hold; the call
     * reads it once, so it is never retried.
     */
    public RequestOptions body(java.io.InputStream in, String contentType) {
        this.stream = in;
        this.contentType = contentType;
        return this;
    }

    /** The step this call is counted under, instead of {@code METHOD /path/template}. */
    public RequestOptions step(String name) {
        this.step = name;
        return this;
    }

    /** The path template for the default step name, e.g. {@code /items/{id}} (the DSL fills it from "/items/${id}"). */
    public RequestOptions template(String pathTemplate) {
        this.template = pathTemplate;
        return this;
    }

    /** Retries of this call when it fails ({@link RetryPolicy}); null for none (the scenario's, if it has one). */
    public RequestOptions retry(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    public RequestOptions timeout(Duration d) {
        this.timeout = d;
        return this;
    }
}
