package org.plinth.executors.slurm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Direct HTTP with the JDK's client: keeps connections alive, which slurmrestd allows. */
public final class HttpClientTransport implements SlurmTransport {

    private final HttpClient client;
    private final Duration timeout;

    public HttpClientTransport(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1: slurmrestd does not speak h2c and an upgrade attempt only costs a round trip.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(b::header);
        b.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.body());
    }
}
