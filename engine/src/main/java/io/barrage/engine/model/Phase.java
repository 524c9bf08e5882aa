package io.barrage.engine.model;

import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.pattern.Pattern;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One named stretch of a scenario's load profile: a pattern of rate (open) or users (closed). */
public record Phase(String name, LoadModel model, Pattern pattern) implements Validatable {

    /** The settings of patterns that hold the load itself (rate: or users: in the DSL): without a model they mean nothing. */
    private static final Set<String> LOAD_FIELDS = Set.of("value", "from", "to", "levels", "points");

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (name == null || name.isBlank()) out.add(Problem.of(where, this, "name", "a phase needs a name"));
        if (model == null) out.add(Problem.of(where, this, "model", "a phase needs rate: (open model) or users: (closed model)"));
        if (pattern == null) {
            out.add(Problem.of(where, this, null, "a phase needs a pattern"));
        } else {
            for (Problem p : pattern.validate(where)) {
                // One mistake, one problem: a load without a model is the problem above, not also a bad value.
                if (model == null && LOAD_FIELDS.contains(p.field())) continue;
                // The pattern speaks of "value"; the user wrote rate: or users:.
                String field = "value".equals(p.field()) && model != null ? model.word() : p.field();
                String message = "value".equals(p.field()) && model != null
                        ? p.message().replaceFirst("^value", model.word()) : p.message();
                out.add(new Problem(p.where(), field, message, this));
            }
        }
        return out;
    }

    /**
     * What is worth saying about a valid phase that may not be what its author meant (a sine clamped
     * at 0, say); nothing stops it from running.
     */
    public List<Problem> warnings(String where) {
        if (pattern == null || model == null) return List.of();
        List<Problem> out = new ArrayList<>();
        for (Problem p : pattern.warnings(where, model)) out.add(new Problem(p.where(), p.field(), p.message(), this));
        return out;
    }

    public long durationNanos() {
        return pattern == null ? 0 : pattern.durationNanos();
    }
}
