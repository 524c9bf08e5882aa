package io.barrage.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Any Redis reply as plain Java values: a status or bulk string as a String (nil as null), an
 * integer as a Long, a double as a Double, an array as a List (nested as the reply nests). One
 * output for every command, typed or not; the typed methods of {@link RedisCommands} convert.
 */
final class ReplyOutput extends CommandOutput<String, String, Object> {
    /** An array being filled, and how many items it will hold. */
    private record Open(List<Object> items, int size) {}

    private final ArrayDeque<Open> open = new ArrayDeque<>();

    ReplyOutput() {
        super(StringCodec.UTF8, null);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : decodeString(bytes));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(bytes == null ? null : decodeString(bytes));
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        add(bytes == null ? null : new BigInteger(decodeString(bytes)));
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void multi(int count) {
        if (count < 0) {       // a nil array
            add(null);
            return;
        }
        List<Object> items = new ArrayList<>(count);
        add(items);
        if (count > 0) open.push(new Open(items, count));
    }

    private void add(Object value) {
        if (open.isEmpty()) {
            output = value;
            return;
        }
        open.peek().items().add(value);
        while (!open.isEmpty() && open.peek().items().size() >= open.peek().size()) open.pop();
    }
}
