package org.plinth.executors.slurm;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One HTTP exchange with slurmrestd. Behind an interface because java.net.http cannot speak
 * SOCKS (a slurmrestd reached through {@code ssh -D} needs {@link SocksTransport}), and so that
 * tests can answer with recorded bodies.
 */
public interface SlurmTransport {

    /**
     * Sends a request and reads the whole answer, whatever its status.
     *
     * @throws java.net.ConnectException when no connection could be made: the request surely
     *                                   did not arrive, so even a submit may be sent again
     * @throws IOException               on any other failure: it may or may not have arrived
     */
    Response send(Request request) throws IOException, InterruptedException;

    /** @param body JSON text, or null for none */
    record Request(String method, URI uri, Map<String, String> headers, String body) {

        public Request {
            headers = Map.copyOf(headers);
        }

        /** Without the headers: they hold the token. */
        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    record Response(int status, String body) {
    }

    /** The transport for these settings: direct, or through their SOCKS5 proxy. */
    static SlurmTransport of(SlurmSettings settings) {
        return settings.socksProxy() == null
                ? new HttpClientTransport(settings.timeout())
                : new SocksTransport(settings.socksProxy(), settings.timeout());
    }
}
