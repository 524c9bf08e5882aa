package io.barrage.data;

import java.util.List;

/** A feeder's records, read by position: in memory, or indexed in a file and read in place. */
public interface Records {
    /** How many records there are. */
    int size();

    /** Record {@code i} (0 ≤ i < size): a map of column or field names to values, or a list's element as it is. */
    Object get(int i);

    /** The records in words, for messages: {@code data/users.csv (1 000 records)}. */
    String describe();

    /** An in-memory list's elements as records. */
    static Records of(List<?> list, String name) {
        List<?> copy = List.copyOf(list);
        return new Records() {
            @Override public int size() { return copy.size(); }
            @Override public Object get(int i) { return copy.get(i); }
            @Override public String describe() { return Records.describe(name, copy.size()); }
        };
    }

    /** {@code name (1 234 records)}: how messages name a feeder's records. */
    static String describe(String name, int size) {
        return name + " (" + String.format(java.util.Locale.ROOT, "%,d", size).replace(',', ' ') + (size == 1 ? " record)" : " records)");
    }
}
