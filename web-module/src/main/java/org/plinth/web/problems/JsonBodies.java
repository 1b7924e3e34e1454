package org.plinth.web.problems;

import org.plinth.api.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.plinth.problems.ProblemException;

/**
 * Reads a JSON object from a request body with a size bound, so a huge or malformed body is a
 * clear 413 or 400 (with where the JSON broke), never a 500.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** How much of an oversized body is read and dropped so the client can read the 413. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    public static JsonObject readObject(InputStream body, long maxBytes) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        try (JsonReader reader = Jsons.createReader(new Bounded(body, maxBytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest("body", "must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw ProblemException.badRequest("body", "malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
        } catch (JsonException e) {
            if (org.plinth.web.limits.SlowBodyGuard.TooSlow.in(e) != null) {
                throw tooSlow(e);
            }
            if (e.getCause() instanceof TooLarge) {
                throw tooLarge(body, maxBytes);
            }
            throw ProblemException.badRequest("body", "malformed JSON");
        } catch (UncheckedIOException e) {
            if (org.plinth.web.limits.SlowBodyGuard.TooSlow.in(e) != null) {
                throw tooSlow(e);
            }
            if (e.getCause() instanceof TooLarge) {
                throw tooLarge(body, maxBytes);
            }
            throw e;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson refuses nesting deeper than 1000 with a bare RuntimeException.
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getMessage());
        }
    }

    /** A body trickling in (see SlowBodyGuard): 408, and not drained, the connection is closed. */
    static ProblemException tooSlow(Throwable e) {
        return new ProblemException(408, "Request Timeout", org.plinth.web.limits.SlowBodyGuard.TooSlow.in(e).getMessage());
    }

    /**
     * A client that is still sending does not read the answer (Java's HttpClient, curl), so the
     * rest of a moderately oversized body is read and dropped before the 413 goes out.
     */
    private static ProblemException tooLarge(InputStream body, long maxBytes) {
        drain(body);
        return new ProblemException(413, "Payload Too Large", "the request body is larger than " + maxBytes + " bytes");
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}, so that a
     * client still sending gets to read the refusal; beyond that the connection is dropped.
     */
    public static void drain(InputStream body) {
        try {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int n;
            while (drained < DRAIN_LIMIT && (n = body.read(sink)) >= 0) {
                drained += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client gave up; the answer does not matter any more
        }
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large", null);
        }
    }

    /** Fails the read once more than {@code max} bytes came in. */
    static final class Bounded extends FilterInputStream {
        private final long max;
        private long count;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0 && (count += n) > max) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
