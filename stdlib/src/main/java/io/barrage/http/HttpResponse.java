package io.barrage.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The response to one call, as scripts see it: {@code status}, {@code text}, {@code json},
 * {@code header('X')}, the call's timings, and — when the call failed before a response — the
 * error kind and message (then {@code status} is 0). Checks made on it ({@link #expectStatus},
 * {@link #expect}) decide whether the call counts as failed.
 */
public final class HttpResponse {
    private final String method;
    private final String url;
    private final String step;
    private final int status;
    private final String reason;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final HttpTimings timings;
    private final String error;
    private final String errorMessage;
    private final String protocol;
    private Object json;
    private boolean jsonParsed;
    private int[] expectedStatus;
    private List<String> failedChecks = List.of();

    HttpResponse(String method, String url, String step, TransportResponse r, HttpTimings timings) {
        this.method = method;
        this.url = url;
        this.step = step;
        this.status = r.status();
        this.reason = r.reason();
        this.headers = r.headers();
        this.body = r.body() == null ? new byte[0] : r.body();
        this.timings = timings;
        this.error = null;
        this.errorMessage = null;
        this.protocol = r.protocol();
    }

    HttpResponse(String method, String url, String step, String error, String errorMessage, HttpTimings timings) {
        this.method = method;
        this.url = url;
        this.step = step;
        this.status = 0;
        this.reason = "";
        this.headers = Map.of();
        this.body = new byte[0];
        this.timings = timings;
        this.error = error;
        this.errorMessage = errorMessage;
        this.protocol = null;
    }

    /** The HTTP status, or 0 if the call failed before a response. */
    public int getStatus() { return status; }

    public String getReason() { return reason; }

    public String getMethod() { return method; }

    public String getUrl() { return url; }

    /** The step the call is counted under. */
    public String getStep() { return step; }

    /** The body as bytes (empty, never null). */
    public byte[] getBody() { return body; }

    /** The body as text, in the charset of its Content-Type (UTF-8 by default). */
    public String getText() {
        return new String(body, charset());
    }

    /**
     * The body parsed as JSON: objects are maps, arrays lists, so scripts write {@code res.json.items[0].id}.
     *
     * @throws IllegalStateException naming the call if the body is not JSON
     */
    public Object getJson() {
        if (!jsonParsed) {
            try {
                json = body.length == 0 ? null : JsonSupport.read(body);
            } catch (IOException e) {
                String head = getText();
                throw new IllegalStateException("the response of " + step + " is not JSON ("
                        + (head.length() > 60 ? head.substring(0, 60) + "…" : head).replaceAll("\\s+", " ") + ")");
            }
            jsonParsed = true;
        }
        return json;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every value of a header (case-insensitive). */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** All headers, names in lower case. */
    public Map<String, List<String>> getHeaders() { return headers; }

    public HttpTimings getTimings() { return timings; }

    /** The error kind if the call failed before a response ({@code refused}, {@code timeout}...), else null. */
    public String getError() { return error; }

    public String getErrorMessage() { return errorMessage; }

    /** The protocol the response came over ({@code http/1.1}, {@code h2}), or null on error. */
    public String getProtocol() { return protocol; }

    /**
     * True when the call did not fail: a response came, its status was allowed (one of
     * {@code expect status:} when given, else below 400) and every check passed.
     */
    public boolean isOk() {
        return error == null && status > 0 && statusAllowed() && failedChecks.isEmpty();
    }

    /** The status is one the script allows: one of those it expects, or without expectations any below 400. */
    boolean statusAllowed() {
        return expectedStatus == null ? status < 400 : statusAsExpected();
    }

    /** Declares the statuses this call should get; any other makes it a failed check. */
    public HttpResponse expectStatus(int... statuses) {
        this.expectedStatus = statuses.clone();
        if (error == null && !statusAsExpected()) {
            fail("status " + status + ", expected " + describe(statuses));
        }
        return this;
    }

    /** Records a named check; a false one makes the call count as failed ({@code check_failed}). */
    public HttpResponse expect(String name, boolean passed) {
        if (!passed) fail(name);
        return this;
    }

    private void fail(String check) {
        if (failedChecks.isEmpty()) failedChecks = new ArrayList<>(2);
        failedChecks.add(check);
    }

    /** The checks that failed, in words. */
    public List<String> getFailedChecks() {
        return List.copyOf(failedChecks);
    }

    boolean hasExpectedStatus() {
        return expectedStatus != null;
    }

    private boolean statusAsExpected() {
        if (expectedStatus == null) return true;
        for (int s : expectedStatus) if (s == status) return true;
        return false;
    }

    private Charset charset() {
        String ct = header("content-type");
        if (ct != null) {
            int i = ct.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                String name = ct.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException ignored) {
                    // fall back to UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String describe(int[] statuses) {
        if (statuses.length == 1) return Integer.toString(statuses[0]);
        StringBuilder b = new StringBuilder("one of ");
        for (int i = 0; i < statuses.length; i++) b.append(i == 0 ? "" : ", ").append(statuses[i]);
        return b.toString();
    }

    @Override
    public String toString() {
        return method + " " + url + " → " + (error != null ? error + " (" + errorMessage + ")" : status + " " + reason);
    }
}
