package io.barrage.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * JSON records read in place: JSON lines (one value per line, blank lines skipped) or a JSON array
 * whose elements are the records. Indexed once (where each record starts and ends), every record
 * checked as JSON; a record is parsed when it is asked for (an object as a map, an array as a list).
 */
final class JsonRecords implements Records {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private final String name;
    private final MappedBytes bytes;
    private final long[] bounds;   // start and end of record i at 2i, 2i+1
    private final int size;

    private JsonRecords(String name, MappedBytes bytes, long[] bounds, int size) {
        this.name = name;
        this.bytes = bytes;
        this.bounds = bounds;
        this.size = size;
    }

    /** A JSON lines file: one JSON value on each line that is not blank. */
    static JsonRecords lines(Path file, String name) throws IOException {
        MappedBytes b = new MappedBytes(file);
        long size = b.size();
        long pos = size >= 3 && b.at(0) == 0xEF && b.at(1) == 0xBB && b.at(2) == 0xBF ? 3 : 0;
        long[] bounds = new long[2048];
        int n = 0;
        long line = 0;
        while (pos < size) {
            line++;
            long from = pos;
            while (pos < size && b.at(pos) != '\n') pos++;
            long to = pos;
            pos++;   // past the line end
            if (to > from && b.at(to - 1) == '\r') to--;
            long a = from;
            while (a < to && isBlank(b.at(a))) a++;
            if (a == to) continue;
            byte[] text = b.bytes(from, to);
            try (JsonParser p = FACTORY.createParser(text)) {
                p.nextToken();
                if (p.currentToken().isStructStart()) p.skipChildren();
                else p.finishToken();
                if (p.nextToken() != null) {
                    throw new DataFileException(name, (int) line, column(p.currentTokenLocation()), "more than one JSON value on the line (JSON lines: one value per line)");
                }
            } catch (JsonProcessingException e) {
                throw new DataFileException(name, (int) line, column(e.getLocation()), "not JSON: " + e.getOriginalMessage());
            }
            if (n == Integer.MAX_VALUE / 2 - 8) throw new DataFileException(name, (int) line, 0, "more records than a feeder holds");
            if (2 * n + 1 >= bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
            bounds[2 * n] = from;
            bounds[2 * n + 1] = to;
            n++;
        }
        if (n == 0) throw new DataFileException(name, 0, 0, "no records (no line holds a JSON value)");
        return new JsonRecords(name, b, bounds, n);
    }

    /** A JSON file holding one array: its elements are the records. */
    static JsonRecords array(Path file, String name) throws IOException {
        MappedBytes b = new MappedBytes(file);
        long[] bounds = new long[2048];
        int n = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                JsonLocation at = p.currentTokenLocation();
                throw new DataFileException(name, at.getLineNr(), at.getColumnNr(), t == null ? "no records (the file is empty)"
                        : "a JSON feeder file holds an array of records ([{...}, {...}]); this one starts with " + p.getText()
                        + " (for one JSON value per line, name it .jsonl or say format: 'jsonl')");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new DataFileException(name, p.currentLocation().getLineNr(), 0, "the array is never closed (]) before the end of the file");
                long from = p.currentTokenLocation().getByteOffset();
                if (t.isStructStart()) p.skipChildren();
                else p.finishToken();
                long to = p.currentLocation().getByteOffset();
                if (n == Integer.MAX_VALUE / 2 - 8) throw new DataFileException(name, p.currentLocation().getLineNr(), 0, "more records than a feeder holds");
                if (2 * n + 1 >= bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
                bounds[2 * n] = from;
                bounds[2 * n + 1] = to;
                n++;
            }
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new DataFileException(name, at.getLineNr(), at.getColumnNr(), "text after the array's closing ]");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataFileException(name, at == null ? 0 : at.getLineNr(), column(at), "not JSON: " + e.getOriginalMessage());
        }
        if (n == 0) throw new DataFileException(name, 0, 0, "no records (the array is empty)");
        return new JsonRecords(name, b, bounds, n);
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getColumnNr());
    }

    @Override public int size() { return size; }

    @Override
    public Object get(int i) {
        try {
            return MAPPER.readValue(bytes.bytes(bounds[2 * i], bounds[2 * i + 1]), Object.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("record " + i + " of " + name + " (checked when the file was read): " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return Records.describe(name, size);
    }
}
