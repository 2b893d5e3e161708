package io.orderflow.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server-sent-events client for tests: reads a stream line by line as a browser's EventSource would, queues each
 * event (and each comment, as an event named ":comment") until the test takes it.
 */
public final class EventStream implements AutoCloseable {

    /** One event as the client sees it; a comment has name ":comment" and its text as data. */
    public record Event(String id, String name, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;

    private EventStream(HttpRequest request) {
        response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
    }

    /** Opens {@code url} with the bearer token and, when not null, a Last-Event-ID; waits for the status line. */
    public static EventStream open(String url, String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new EventStream(request.build());
    }

    /** The stream's status and content type, once its headers arrived. */
    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next event that is not a comment, failing after {@code limit}. */
    public Event next(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("no event within " + limit);
            }
            if (!event.name().equals(":comment")) {
                return event;
            }
        }
    }

    /** The next event named {@code name}, skipping others. */
    public Event next(String name, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    /** Waits for the comment the server sends once the stream is registered for live events. */
    public EventStream awaitOpen() throws InterruptedException {
        Event first = events.poll(10, TimeUnit.SECONDS);
        if (first == null) {
            fail("the stream did not open");
        }
        assertEquals(new Event(null, ":comment", "open"), first);
        return this;
    }

    /** The events that are not comments and arrive within {@code quiet} of each other. */
    public List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> drained = new ArrayList<>();
        Event event;
        while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            if (!event.name().equals(":comment")) {
                drained.add(event);
            }
        }
        return drained;
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }

    private final class Lines implements Flow.Subscriber<String> {

        private String id;
        private String name;
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            EventStream.this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (name != null || !data.isEmpty()) {
                    events.add(new Event(id, name == null ? "message" : name, data.toString()));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                events.add(new Event(null, ":comment", line.substring(1).strip()));
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).strip());
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}
