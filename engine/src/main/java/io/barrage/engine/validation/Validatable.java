package io.barrage.engine.validation;

import java.util.List;

/** A model record that can list every problem with itself at once (never throws, never changes itself). */
public interface Validatable {

    /** @param where a readable path to this record, used as {@link Problem#where()} */
    List<Problem> validate(String where);
}
