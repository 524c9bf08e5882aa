package io.barrage.http;

import io.barrage.engine.testing.OnEventLoop;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lean client's connection handling, from an event loop's virtual thread (the loop's own sockets). */
@ExtendWith(OnEventLoop.class)
class LoopLeanClientTest extends LeanClientTest {
}
