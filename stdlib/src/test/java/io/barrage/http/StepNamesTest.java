package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepNamesTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "/catalog                                        | GET /catalog",
        "/items/42                                       | GET /items/{id}",
        "/items/42?color=red                             | GET /items/{id}",
        "/users/3f2b8a9c-1d2e-4f5a-8b7c-9d0e1f2a3b4c/cart | GET /users/{id}/cart",
        "/blobs/0123456789abcdef0123                     | GET /blobs/{id}",
        "http://127.0.0.1:8080/a/1#top                   | GET /a/{id}",
        "http://127.0.0.1:8080                           | GET /",
        "/items/{id}                                     | GET /items/{id}",
        "/v2/orders                                      | GET /v2/orders",
    })
    void defaultStepNamesAreMethodAndPathTemplate(String path, String step) {
        assertThat(StepNames.of("GET", path)).isEqualTo(step);
    }
}
