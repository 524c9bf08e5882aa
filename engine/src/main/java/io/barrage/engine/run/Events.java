package io.barrage.engine.run;

import java.util.Map;

/** Where executors and control send events. */
interface Events {
    void emit(String type, String scenario, String origin, String message, Map<String, Object> data);
}
