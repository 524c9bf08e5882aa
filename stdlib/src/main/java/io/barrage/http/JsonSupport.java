package io.barrage.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Jackson, set up once for request and response bodies: JSON objects become maps, arrays lists. */
public final class JsonSupport {
    private JsonSupport() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the JSON body: " + e.getOriginalMessage(), e);
        }
    }

    public static Object read(byte[] bytes) throws IOException {
        return MAPPER.readValue(bytes, Object.class);
    }
}
