package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects events for assertions. */
final class RecordingEvents implements Events {
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(String type, String scenario, String origin, String message, Map<String, Object> data) {
        events.add(new RunEvent(0, 0, type, scenario, origin, message, data));
    }

    @Override
    public void endLoad(String reason, boolean abort, String origin) {
        emit("control", null, origin, (abort ? "stop: " : "load ended: ") + reason, Map.of());
    }

    List<String> messages(String type) {
        return events.stream().filter(e -> e.type().equals(type)).map(RunEvent::message).toList();
    }
}
