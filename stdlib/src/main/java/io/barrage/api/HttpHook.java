package io.barrage.api;

import io.barrage.engine.user.Vu;
import io.barrage.http.Http;

/** Setup or teardown in plain Java; setup's result is {@link Vu#shared()} in user code. */
@FunctionalInterface
public interface HttpHook {
    Object run(Http http, Vu vu) throws Exception;
}
