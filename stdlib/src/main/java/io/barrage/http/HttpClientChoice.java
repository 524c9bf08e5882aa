package io.barrage.http;

/**
 * Which HTTP client a run's scenarios use: each scenario's own choice ({@code client 'lean'},
 * {@code 'okhttp'} or {@code 'auto'} in its {@code http { }} block), or one client for every
 * scenario, whatever it asks for ({@code barrage run --http-client}).
 */
public enum HttpClientChoice {
    /** Each scenario's own choice (the default). */
    SCENARIO(null),
    /** barrage's lean HTTP/1.1 client for every scenario. */
    LEAN("lean"),
    /** OkHttp for every scenario. */
    OKHTTP("okhttp");

    private final String client;

    HttpClientChoice(String client) {
        this.client = client;
    }

    /** The client every scenario runs on ({@code lean} or {@code okhttp}), or null for each scenario's own choice. */
    public String forced() {
        return client;
    }
}
