package io.barrage.engine.run;

import java.util.Map;

/** Where executors and control send events. */
interface Events {
    void emit(String type, String scenario, String origin, String message, Map<String, Object> data);

    /** Ends the load once: as an abort (judged aborted, exit 3) or as planned. */
    void endLoad(String reason, boolean abort, String origin);
}
