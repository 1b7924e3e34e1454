package org.plinth.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls MicroProfile Health's readiness endpoint until it says UP. Needed because asadmin
 * start-domain returns seconds before the deployed application answers.
 */
public final class HealthProbe {

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HealthProbe(URI url) {
        this.url = url;
    }

    /** True when the endpoint answers 200 with status UP right now. */
    public boolean isUp() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until UP, but gives up quietly: for an old deployment whose start-up load may fail.
     * (Payara's /health answers 503 while applications are still loading, so only UP counts.)
     *
     * @return false on timeout
     */
    public boolean awaitUpQuietly(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isUp()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Waits until UP.
     *
     * @param stillAlive checked between polls, so a server that died fails fast instead of after the timeout
     */
    public void await(Duration timeout, BooleanSupplier stillAlive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isUp()) {
                return;
            }
            if (!stillAlive.getAsBoolean()) {
                throw new IllegalStateException("Server process ended while waiting for " + url);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + url, e);
            }
        }
        throw new IllegalStateException(url + " did not report UP within " + timeout.toSeconds() + " s");
    }
}
