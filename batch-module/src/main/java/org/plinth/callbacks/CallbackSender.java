package org.plinth.callbacks;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs one delivery, signed. Redirects are not followed and, unless
 * {@code plinth.callbacks.allow-private-addresses} is true, a URL whose host resolves to a
 * loopback, private, link-local or unspecified address is refused: a user must not be able to
 * make the server call its own admin port or the cloud's metadata service.
 */
final class CallbackSender {

    /** How an attempt went: a status when the receiver answered; permanent when retrying is pointless. */
    record Outcome(Integer status, String error, boolean permanent) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final boolean allowPrivate;

    /**
     * The client keeps its own threads: on the managed executor they would queue behind the
     * round that waits for them.
     */
    CallbackSender(boolean allowPrivate) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.allowPrivate = allowPrivate;
    }

    CompletableFuture<Outcome> send(CallbackDelivery d, String secret) {
        URI uri = URI.create(d.url());
        if (!allowPrivate) {
            try {
                for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(a)) {
                        return CompletableFuture.completedFuture(new Outcome(null, "refused: " + uri.getHost()
                                + " is a private or local address (plinth.callbacks.allow-private-addresses)", true));
                    }
                }
            } catch (IOException e) {
                return CompletableFuture.completedFuture(new Outcome(null, "cannot resolve " + uri.getHost(), false));
            }
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Plinth-Callbacks/1")
                .header(CallbackSignature.HEADER, CallbackSignature.of(secret, body))
                .header("X-Plinth-Event", "job.state")
                .header("X-Plinth-Event-Id", Long.toString(d.eventId()))
                .header("X-Plinth-Delivery", Long.toString(d.id()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 300
                        ? new Outcome(r.statusCode(), null, false)
                        : new Outcome(r.statusCode(), "the receiver answered " + r.statusCode(), false))
                .exceptionally(e -> new Outcome(null, describe(e), false));
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        // IPv6 unique local addresses (fc00::/7), which isSiteLocalAddress does not cover
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName().replace("Exception", "") + (message == null ? "" : ": " + message);
    }
}
