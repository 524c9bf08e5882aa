package io.barrage.http;

/** The HTTP behaviour suite with barrage's lean client behind the API. */
class LeanBehaviourTest extends HttpBehaviourTest {
    @Override
    HttpConfig configure(HttpConfig config) {
        return config.withClient("lean");
    }
}
