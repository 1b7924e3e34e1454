package org.plinth.executors.slurm;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.plinth.api.Jsons;

/** A slurmrestd that answers queued replies (recorded fixtures) and remembers the requests. */
final class FakeSlurm implements SlurmTransport {

    interface Answer {
        Response answer(Request request) throws IOException;
    }

    final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    FakeSlurm reply(int status, String fixture) {
        String body = fixture(fixture);
        answers.add(r -> new Response(status, body));
        return this;
    }

    FakeSlurm fail(IOException e) {
        answers.add(r -> {
            throw e;
        });
        return this;
    }

    @Override
    public Response send(Request request) throws IOException {
        requests.add(request);
        Answer a = answers.poll();
        if (a == null) {
            throw new AssertionError("unexpected request " + request);
        }
        return a.answer(request);
    }

    JsonObject body(int i) {
        try (var r = Jsons.createReader(new StringReader(requests.get(i).body()))) {
            return r.readObject();
        }
    }

    static String fixture(String path) {
        try (InputStream in = FakeSlurm.class.getResourceAsStream("/slurm/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Settings minting for "svcuser" with a key file in {@code dir}, API {@code version}. */
    static SlurmSettings settings(Path dir, String version) throws IOException {
        Path key = dir.resolve("jwt.key");
        if (!Files.exists(key)) {
            Files.write(key, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        }
        return SlurmSettings.minting(java.net.URI.create("http://slurm.test:6820"), version, key, "svcuser", dir.resolve("data"));
    }

    static SlurmClient client(SlurmSettings settings, FakeSlurm fake, Clock clock) {
        return new SlurmClient(settings, new SlurmTokens(settings.auth(), clock), fake, Duration.ofMillis(1));
    }
}
