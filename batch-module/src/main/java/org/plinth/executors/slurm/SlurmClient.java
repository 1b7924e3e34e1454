package org.plinth.executors.slurm;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.plinth.api.Jsons;

/**
 * The HTTP side of slurmrestd, shared by the API version adapters: authentication headers,
 * error decoding, and the retries SLURM's behaviour calls for.
 * <ul>
 * <li>A bad or expired token is not a 401 but a 500 with error 5005 or -1: the token is renewed
 * and the request sent once more. Still refused, it is reported as unavailable, because the same
 * errors also come from a controller that is down.</li>
 * <li>No connection: retried with back-off. A submit is re-sent only when the connection was never
 * made, so a lost answer cannot start the same job twice.</li>
 * <li>A submit answered error 11 (MaxJobCount reached) is retried with back-off, then reported as
 * unavailable: the job waits, it does not fail.</li>
 * </ul>
 * Thread-safe.
 */
public final class SlurmClient {

    private static final Logger LOG = Logger.getLogger(SlurmClient.class.getName());

    private final SlurmSettings settings;
    private final SlurmTokens tokens;
    private final SlurmTransport transport;
    private final Duration backoff;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    public SlurmClient(SlurmSettings settings, SlurmTokens tokens, SlurmTransport transport) {
        this(settings, tokens, transport, Duration.ofMillis(250));
    }

    SlurmClient(SlurmSettings settings, SlurmTokens tokens, SlurmTransport transport, Duration backoff) {
        this.settings = settings;
        this.tokens = tokens;
        this.transport = transport;
        this.backoff = backoff;
    }

    public SlurmSettings settings() {
        return settings;
    }

    public SlurmTokens tokens() {
        return tokens;
    }

    /** The last failure talking to slurmrestd and when, for the admin's executor view. */
    public Optional<String> lastError() {
        String e = lastError;
        return e == null ? Optional.empty() : Optional.of(lastErrorAt + " " + e);
    }

    /**
     * What slurmrestd answered.
     *
     * @param body   the parsed body, or an empty object when it was not JSON
     * @param errors its {@code errors[]}
     */
    public record Reply(int status, JsonObject body, List<SlurmError> errors) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean has(int code) {
            return errors.stream().anyMatch(e -> e.code() == code);
        }
    }

    /** GET {@code /slurm/<version><path>} as the service user. */
    public Reply get(String path) throws SlurmUnavailableException {
        return call("GET", path, null, null, true);
    }

    /** DELETE {@code /slurm/<version><path>} as {@code user} (null: the service user). */
    public Reply delete(String path, String user) throws SlurmUnavailableException {
        return call("DELETE", path, null, user, true);
    }

    /**
     * POSTs a job submission as {@code user} and answers the body that holds the {@code job_id}.
     * A job id means success even when {@code errors[]} is not empty (a held job, for one).
     */
    public JsonObject submit(String path, JsonObject request, String user) throws SlurmException {
        for (int attempt = 0; ; attempt++) {
            Reply reply = call("POST", path, request, user, false);
            if (reply.body().get("job_id") instanceof JsonNumber) {
                return reply.body();
            }
            if (reply.has(SlurmError.RETRY_LATER) && attempt < settings.retries()) {
                pause(attempt);
                continue;
            }
            require(reply, "submit");
            throw failure("submit: an answer without a job_id (HTTP " + reply.status() + ")",
                    new SlurmUnavailableException("slurmrestd answered a submit without a job_id (HTTP " + reply.status() + ")"));
        }
    }

    /**
     * The body of a successful reply.
     *
     * @throws SlurmUnavailableException when trying later may help
     * @throws SlurmRejectedException    when SLURM refused the request
     */
    public JsonObject require(Reply reply, String what) throws SlurmException {
        if (reply.ok()) {
            return reply.body();
        }
        if (reply.has(SlurmError.ZERO_BYTES) || reply.has(SlurmError.UNSPECIFIED)) {
            throw failure(what, new SlurmUnavailableException(what + ": slurmrestd refused even a fresh token, or "
                    + "slurmctld is down: " + new SlurmRejectedException("", reply.status(), reply.errors()).getMessage()));
        }
        if (reply.has(SlurmError.RETRY_LATER)) {
            throw failure(what, new SlurmUnavailableException(what + ": SLURM is busy (error 11), try again later"));
        }
        if (reply.status() >= 500 && reply.errors().isEmpty()) {
            throw failure(what, new SlurmUnavailableException(what + ": slurmrestd answered HTTP " + reply.status()));
        }
        if (reply.status() == 401 || reply.status() == 403) {
            throw failure(what, new SlurmRejectedException(what + ": slurmrestd refused the authentication "
                    + "(service-user, key or token)", reply.status(), reply.errors()));
        }
        throw failure(what, new SlurmRejectedException(what, reply.status(), reply.errors()));
    }

    private Reply call(String method, String path, JsonObject body, String user, boolean resendable)
            throws SlurmUnavailableException {
        String as = user == null ? settings.auth().serviceUser() : user;
        URI uri = URI.create(stripSlash(settings.url().toString()) + "/slurm/" + settings.apiVersion() + path);
        boolean renewed = false;
        for (int attempt = 0; ; ) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            headers.put("X-SLURM-USER-NAME", as);
            headers.put("X-SLURM-USER-TOKEN", tokens.tokenFor(as));
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            var request = new SlurmTransport.Request(method, uri, headers, body == null ? null : body.toString());
            SlurmTransport.Response response;
            try {
                response = transport.send(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlurmUnavailableException(request + ": interrupted", e);
            } catch (IOException e) {
                boolean again = (resendable || e instanceof ConnectException) && attempt < settings.retries();
                LOG.log(again ? Level.FINE : Level.WARNING, () -> request + ": " + e);
                if (!again) {
                    throw failure(request.toString(), new SlurmUnavailableException(
                            "slurmrestd at " + settings.url() + " cannot be reached: " + e, e));
                }
                pause(attempt++);
                continue;
            }
            JsonObject parsed = parse(response.body());
            Reply reply = new Reply(response.status(), parsed, SlurmError.of(parsed));
            if (!reply.ok() && !renewed && reply.status() >= 500
                    && (reply.has(SlurmError.ZERO_BYTES) || reply.has(SlurmError.UNSPECIFIED))) {
                // Probably our token: renewal is cheap, and the request never reached SLURM's logic.
                renewed = true;
                tokens.renew(as);
                continue;
            }
            if ((reply.status() == 502 || reply.status() == 503 || reply.status() == 504) && resendable
                    && attempt < settings.retries()) {
                pause(attempt++);
                continue;
            }
            return reply;
        }
    }

    private <E extends SlurmException> E failure(String what, E e) {
        lastErrorAt = Instant.now();
        lastError = e.getMessage();
        return e;
    }

    private void pause(int attempt) throws SlurmUnavailableException {
        long millis = Math.min(backoff.toMillis() << Math.min(attempt, 10), 5_000);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // A stopping job step: keep the flag for its loop and give up on this request.
            Thread.currentThread().interrupt();
            throw new SlurmUnavailableException("interrupted while waiting to retry", e);
        }
    }

    private static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Jsons.createReader(new StringReader(text))) {
            return reader.read() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) {
            // A proxy's HTML error page, a truncated body: the status code has to do.
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
