package io.barrage.engine.control;

import com.sun.net.httpserver.HttpExchange;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.results.Json;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: server-sent events, fed as an {@link Output} of the run. Each client gets a
 * bounded queue filled on the run's threads (never blocking them: a client too slow to keep up loses
 * events, and is told how many) and drained by its own request thread. Events: {@code tick} (the
 * status each second), every run event by its type ({@code phase}, {@code control}, {@code warning},
 * {@code sim}, {@code balance}…), and {@code end} with the final summary's verdict, after which the
 * stream closes.
 */
final class EventStreams implements Output {
    private static final int QUEUE = 1024;
    private static final String END = "end";
    private volatile RunView run;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private record Message(String event, String data) {}

    private static final class Client {
        final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile long lost;
    }

    /** The run the ticks and the greeting tell of, when the server learns it before {@link #onStart}. */
    void view(RunView run) {
        this.run = run;
    }

    @Override
    public void onStart(RunView run) {
        this.run = run;
    }

    void serve(HttpExchange ex) throws IOException {
        Client c = new Client();
        clients.add(c);
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            RunView r = run;
            write(out, new Message("hello", json(Status.of(r))));
            if (Status.finished(r.status())) {
                write(out, endMessage(r.summarySoFar()));
                return;
            }
            while (!closed) {
                Message m = c.queue.poll(15, TimeUnit.SECONDS);
                if (m == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                if (c.lost > 0) {
                    long lost = c.lost;
                    c.lost = 0;
                    write(out, new Message("lost", "{\"events\":" + lost + "}"));
                }
                write(out, m);
                if (m.event().equals(END)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            clients.remove(c);
        }
    }

    private static void write(OutputStream out, Message m) throws IOException {
        out.write(("event: " + m.event() + "\ndata: " + m.data() + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends {@code data} as JSON under {@code event} to every client (the dashboard's own messages). */
    void publish(String event, Object data) {
        if (!clients.isEmpty()) offer(new Message(event, json(data)));
    }

    private void offer(Message m) {
        for (Client c : clients) if (!c.queue.offer(m)) c.lost++;
    }

    @Override
    public void onInterval(Tick tick) {
        RunView r = run;
        if (clients.isEmpty() || r == null) return;
        offer(new Message("tick", json(Status.of(r))));
    }

    @Override
    public void onEvent(RunEvent e) {
        if (clients.isEmpty()) return;
        offer(new Message(e.type(), json(e)));
    }

    @Override
    public void onEnd(RunSummary summary) {
        offer(endMessage(summary));
    }

    private static Message endMessage(RunSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s != null) {
            m.put("status", s.status());
            m.put("exitCode", s.exitCode());
            m.put("reason", s.reason());
            m.put("assertions", s.assertions());
        }
        return new Message(END, json(m));
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            return "{\"error\":\"" + e.getClass().getSimpleName() + "\"}";
        }
    }

    void close() {
        closed = true;
        for (Client c : clients) c.queue.offer(new Message(END, "{}"));
    }
}
