package io.barrage.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file (RFC 4180: fields quoted with {@code "} may hold separators, line breaks and doubled
 * quotes), indexed once and read in place: the index holds where each record starts, and a record
 * is decoded when it is asked for. With a header (the default) a record is a map of column names to
 * text; without, a list of texts. Checked whole when indexed: a quoted field never closed, text after
 * a closing quote, or a record with more or fewer fields than the header is a {@link
 * DataFileException} naming its line.
 */
final class CsvRecords implements Records {
    private final String name;
    private final MappedBytes bytes;
    private final int sep;
    private final String[] columns;
    private final long[] starts;
    private final int size;

    private CsvRecords(String name, MappedBytes bytes, int sep, String[] columns, long[] starts, int size) {
        this.name = name;
        this.bytes = bytes;
        this.sep = sep;
        this.columns = columns;
        this.starts = starts;
        this.size = size;
    }

    /** Indexes {@code file} ({@code name} is how messages call it). */
    static CsvRecords index(Path file, String name, char separator, boolean header) throws IOException {
        MappedBytes b = new MappedBytes(file);
        int sep = separator;
        long size = b.size();
        long pos = size >= 3 && b.at(0) == 0xEF && b.at(1) == 0xBB && b.at(2) == 0xBF ? 3 : 0;
        long line = 1;
        long lineStart = pos;
        long[] starts = new long[1024];
        int n = 0;
        String[] columns = null;
        boolean wantHeader = header;
        int width = -1;
        while (pos < size) {
            int c = b.at(pos);
            if (c == '\n' || (c == '\r' && (pos + 1 >= size || b.at(pos + 1) == '\n'))) {   // an empty line
                pos += c == '\r' ? 2 : 1;
                line++;
                lineStart = pos;
                continue;
            }
            long recStart = pos;
            long recLine = line;
            int fields = 0;
            while (true) {
                if (pos < size && b.at(pos) == '"') {
                    long qLine = line;
                    long qCol = pos - lineStart + 1;
                    pos++;
                    while (true) {
                        if (pos >= size) throw bad(name, qLine, qCol, "a quoted field opened here is never closed");
                        int q = b.at(pos);
                        if (q == '"') {
                            if (pos + 1 < size && b.at(pos + 1) == '"') {
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (q == '\n') {
                            line++;
                            lineStart = pos + 1;
                        }
                        pos++;
                    }
                    if (pos < size) {
                        int q = b.at(pos);
                        if (q != sep && q != '\n' && q != '\r') {
                            throw bad(name, line, pos - lineStart + 1, "text after the closing quote of a field (a quote inside a quoted field is written twice: \"\")");
                        }
                    }
                } else {
                    while (pos < size) {
                        int q = b.at(pos);
                        if (q == sep || q == '\n' || q == '\r') break;
                        pos++;
                    }
                }
                fields++;
                if (pos >= size) break;
                int q = b.at(pos);
                if (q == sep) {
                    pos++;
                    continue;
                }
                if (q == '\r') pos++;
                if (pos < size && b.at(pos) == '\n') pos++;
                line++;
                lineStart = pos;
                break;
            }
            if (wantHeader) {
                wantHeader = false;
                columns = decode(b, sep, recStart).toArray(String[]::new);
                width = columns.length;
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < columns.length; i++) {
                    String col = columns[i].strip();
                    columns[i] = col;
                    if (col.isEmpty()) throw bad(name, recLine, 0, "column " + (i + 1) + " of the header has no name");
                    if (!seen.add(col)) throw bad(name, recLine, 0, "the header names column '" + col + "' twice");
                }
                continue;
            }
            if (width < 0) width = fields;
            if (fields != width) {
                throw bad(name, recLine, 0, fields + (fields == 1 ? " field" : " fields") + " where "
                        + (columns != null ? "the header has " + width : "the first record has " + width)
                        + " (a field holding the separator is quoted: \"a,b\")");
            }
            if (n == Integer.MAX_VALUE - 8) throw bad(name, recLine, 0, "more records than a feeder holds (2 147 483 639)");
            if (n == starts.length) starts = Arrays.copyOf(starts, (int) Math.min(Integer.MAX_VALUE - 8, starts.length * 2L));
            starts[n++] = recStart;
        }
        if (n == 0) throw bad(name, 0, 0, columns != null ? "no records after the header" : "no records (the file is empty)");
        return new CsvRecords(name, b, sep, columns, starts, n);
    }

    private static DataFileException bad(String name, long line, long column, String problem) {
        return new DataFileException(name, (int) Math.min(Integer.MAX_VALUE, line), (int) Math.min(Integer.MAX_VALUE, column), problem);
    }

    /** The fields of the (checked) record starting at {@code pos}. */
    private static List<String> decode(MappedBytes b, int sep, long pos) {
        List<String> out = new ArrayList<>();
        long size = b.size();
        java.io.ByteArrayOutputStream field = new java.io.ByteArrayOutputStream(64);
        while (true) {
            field.reset();
            if (pos < size && b.at(pos) == '"') {
                pos++;
                while (true) {
                    int q = b.at(pos);
                    if (q == '"') {
                        if (pos + 1 < size && b.at(pos + 1) == '"') {
                            field.write('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    field.write(q);
                    pos++;
                }
            } else {
                long from = pos;
                while (pos < size) {
                    int q = b.at(pos);
                    if (q == sep || q == '\n' || q == '\r') break;
                    pos++;
                }
                out.add(b.string(from, pos));
                if (pos < size && b.at(pos) == sep) {
                    pos++;
                    continue;
                }
                return out;
            }
            out.add(field.toString(java.nio.charset.StandardCharsets.UTF_8));
            if (pos < size && b.at(pos) == sep) {
                pos++;
                continue;
            }
            return out;
        }
    }

    @Override public int size() { return size; }

    @Override
    public Object get(int i) {
        List<String> fields = decode(bytes, sep, starts[i]);
        if (columns == null) return Collections.unmodifiableList(fields);
        Map<String, String> m = new LinkedHashMap<>(columns.length * 2);
        for (int c = 0; c < columns.length; c++) m.put(columns[c], fields.get(c));
        return Collections.unmodifiableMap(m);
    }

    /** The header's column names, or null without a header. */
    List<String> columns() {
        return columns == null ? null : List.of(columns);
    }

    @Override
    public String describe() {
        return Records.describe(name, size);
    }
}
