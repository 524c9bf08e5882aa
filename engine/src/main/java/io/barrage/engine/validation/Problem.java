package io.barrage.engine.validation;

/**
 * One thing wrong with a model record, found by {@code validate()}.
 *
 * @param where   a readable path to the record, e.g. {@code scenario 'checkout' › phase 'steady'}
 * @param field   the setting at fault ({@code rate}, {@code for}...) or {@code null} for the whole record
 * @param message what is wrong, as one sentence without a trailing period
 * @param subject the record at fault, so a front end (the DSL) can map it back to a source position
 */
public record Problem(String where, String field, String message, Object subject) {

    public static Problem of(String where, Object subject, String field, String message) {
        return new Problem(where, field, message, subject);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
