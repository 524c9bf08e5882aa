package io.barrage.engine.model;

import io.barrage.engine.pattern.Pattern;
import java.util.ArrayList;
import java.util.List;

/** One named stretch of a scenario's load profile: a pattern of rate (open) or users (closed). */
public record Phase(String name, LoadModel model, Pattern pattern) implements Validatable {

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (name == null || name.isBlank()) out.add(Problem.of(where, this, "name", "a phase needs a name"));
        if (model == null) out.add(Problem.of(where, this, null, "a phase needs rate: (open model) or users: (closed model)"));
        if (pattern == null) {
            out.add(Problem.of(where, this, null, "a phase needs a pattern"));
        } else {
            for (Problem p : pattern.validate(where)) {
                // The pattern speaks of "value"; the user wrote rate: or users:.
                String field = "value".equals(p.field()) && model != null ? model.word() : p.field();
                String message = "value".equals(p.field()) && model != null
                        ? p.message().replaceFirst("^value", model.word()) : p.message();
                out.add(new Problem(p.where(), field, message, this));
            }
        }
        return out;
    }

    public long durationNanos() {
        return pattern == null ? 0 : pattern.durationNanos();
    }
}
