package io.barrage.api;

import io.barrage.engine.user.Vu;
import io.barrage.http.Http;

/** One iteration of a virtual user, in plain Java: {@code (http, vu) -> http.get("/catalog")}. */
@FunctionalInterface
public interface HttpUser {
    void iterate(Http http, Vu vu) throws Exception;
}
