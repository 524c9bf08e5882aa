package io.barrage.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A virtual user's session: a map that lasts across the user's iterations (closed model; an
 * open-model arrival is one iteration, so its session is that iteration's), with helpers for a
 * multi-turn conversation. In a script: {@code session.token = …}, {@code session.say('user', q)},
 * {@code http.post('/v1/chat', json: [messages: session.messages()])}.
 */
public final class Session extends LinkedHashMap<String, Object> {
    /** The key the conversation is kept under ({@code session.messages} reads it as well). */
    public static final String MESSAGES = "messages";

    /** The conversation so far: maps of {@code role} and {@code content}, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> messages() {
        return (List<Map<String, Object>>) computeIfAbsent(MESSAGES, k -> new ArrayList<Map<String, Object>>());
    }

    /** Adds a message to the conversation and returns it: {@code session.say('assistant', r.json.answer)}. */
    public Map<String, Object> say(String role, Object content) {
        Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("role", role);
        m.put("content", content);
        messages().add(m);
        return m;
    }

    /** The last {@code n} messages (all of them when there are fewer): a conversation's window. */
    public List<Map<String, Object>> last(int n) {
        List<Map<String, Object>> all = messages();
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, n)), all.size()));
    }

    /** How many messages have the role {@code user}: the conversation's turns. */
    public int turns() {
        int n = 0;
        for (Map<String, Object> m : messages()) if ("user".equals(m.get("role"))) n++;
        return n;
    }

    /** A value as text ({@code null} when absent). */
    public String text(String key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }

    /** A value as a whole number, or {@code otherwise} when absent. */
    public long number(String key, long otherwise) {
        Object v = get(key);
        if (v == null) return otherwise;
        if (v instanceof Number n) return n.longValue();
        return Long.parseLong(v.toString().trim());
    }
}
