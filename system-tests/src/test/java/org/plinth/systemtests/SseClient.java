package org.plinth.systemtests;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads GET /jobs/events as a plain SSE client would: lines into events, on a thread of its own. */
final class SseClient implements AutoCloseable {

    /** One event as received; comment is set for comment lines (heartbeats). */
    record Event(String id, String name, String data, String comment) {
        JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile HttpResponse<java.util.stream.Stream<String>> response;
    private volatile Throwable failure;

    /** Connects and waits for the server's "connected" comment. */
    SseClient(PlinthTestServer server, String key, String query, String lastEventId) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.apiUrl() + "/jobs/events" + (query == null ? "" : "?" + query)))
                .header("X-API-Key", key).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpRequest request = b.build();
        reader = new Thread(() -> read(request), "sse-client");
        reader.setDaemon(true);
        reader.start();
        Event first = events.poll(20, TimeUnit.SECONDS);
        if (first == null || !"connected".equals(first.comment())) {
            throw new AssertionError("no 'connected' comment from the event stream: " + first + " " + failure
                    + (response == null ? "" : " status " + response.statusCode()));
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read(HttpRequest request) {
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString(), null));
                    }
                    id = name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Waits for the first event that matches, dropping the others; fails after the timeout. */
    Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + timeout + "; saw " + skipped);
            }
            if (wanted.test(e)) {
                return e;
            }
            skipped.add(e);
        }
    }

    /** The events (not comments) that arrived so far, without waiting. */
    List<Event> drain() {
        List<Event> all = new ArrayList<>();
        events.drainTo(all);
        return all.stream().filter(e -> e.data() != null).toList();
    }

    static Predicate<Event> state(String jobId, String state) {
        return e -> e.data() != null && "job.state".equals(e.name()) && e.json().getString("jobId").equals(jobId)
                && e.json().getString("state").equals(state);
    }

    @Override
    public void close() {
        if (response != null) {
            try {
                response.body().close();
            } catch (RuntimeException ignored) {
                // closing
            }
        }
        reader.interrupt();
    }
}
