package io.barrage.http;

/** The HTTP behaviour suite with OkHttp behind the API. */
class OkHttpBehaviourTest extends HttpBehaviourTest {
    @Override
    HttpConfig configure(HttpConfig config) {
        return config.withClient("okhttp");
    }
}
