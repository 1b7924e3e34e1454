package org.plinth.executors.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP through a SOCKS5 proxy, for a slurmrestd reachable only through an SSH tunnel
 * ({@code ssh -D}). HttpURLConnection, because java.net.http.HttpClient has no SOCKS support.
 */
public final class SocksTransport implements SlurmTransport {

    private final Proxy proxy;
    private final int timeoutMillis;

    public SocksTransport(InetSocketAddress socks, Duration timeout) {
        this.proxy = new Proxy(Proxy.Type.SOCKS, socks);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Response send(Request request) throws IOException {
        HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection(proxy);
        try {
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setRequestMethod(request.method());
            c.setUseCaches(false);
            request.headers().forEach(c::setRequestProperty);
            byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                c.setDoOutput(true); // must be set before connecting
                c.setFixedLengthStreamingMode(body.length);
            }
            try {
                c.connect(); // the proxy handshake and the tunnel: nothing is sent before them
            } catch (IOException e) {
                ConnectException failed = new ConnectException("no connection through SOCKS proxy " + proxy.address() + ": " + e.getMessage());
                failed.initCause(e);
                throw failed;
            }
            if (body != null) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, text);
        } finally {
            c.disconnect();
        }
    }
}
