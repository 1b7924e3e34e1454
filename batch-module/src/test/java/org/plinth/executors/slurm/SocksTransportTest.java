package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests really go through a SOCKS5 proxy (a minimal one here, like {@code ssh -D}). */
class SocksTransportTest {

    HttpServer http;
    ServerSocket socks;
    final AtomicInteger tunnels = new AtomicInteger();
    final AtomicReference<String> seenHost = new AtomicReference<>();

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.stop(0);
        }
        if (socks != null) {
            socks.close();
        }
    }

    @Test
    void sendsMethodHeadersAndBodyThroughTheProxy() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            String answer = ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("X-SLURM-USER-NAME")
                    + " " + new String(in, StandardCharsets.UTF_8);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.contains("bad") ? 500 : 200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        http.start();
        startSocks();

        var transport = new SocksTransport(InetSocketAddress.createUnresolved("127.0.0.1", socks.getLocalPort()), Duration.ofSeconds(5));
        // A name only the cluster side knows: the JDK resolves what it can locally and passes the rest on.
        URI uri = URI.create("http://slurm-head.invalid:" + http.getAddress().getPort() + "/slurm/v0.0.38/job/submit");
        var r = transport.send(new SlurmTransport.Request("POST", uri, Map.of("X-SLURM-USER-NAME", "alice",
                "Content-Type", "application/json"), "{\"a\":1}"));
        assertEquals(200, r.status());
        assertEquals("POST /slurm/v0.0.38/job/submit alice {\"a\":1}", r.body());
        assertEquals(1, tunnels.get());
        assertEquals("slurm-head.invalid", seenHost.get(), "the proxy resolves a name this side cannot, as ssh -D does");

        var error = transport.send(new SlurmTransport.Request("DELETE", URI.create(uri + "/bad"), Map.of(), null));
        assertEquals(500, error.status(), "an error status still gives its body");
        assertTrue(error.body().startsWith("DELETE "));
        assertEquals(2, tunnels.get());
    }

    @Test
    void aProxyThatIsNotThereIsAConnectFailure() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        var transport = new SocksTransport(new InetSocketAddress("127.0.0.1", free), Duration.ofSeconds(2));
        // ConnectException: nothing was sent, so the client may even resend a submit.
        assertThrows(ConnectException.class, () -> transport.send(
                new SlurmTransport.Request("GET", URI.create("http://localhost:1/x"), Map.of(), null)));
    }

    /** SOCKS5, no authentication, CONNECT only. */
    private void startSocks() throws IOException {
        socks = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!socks.isClosed()) {
                try {
                    Socket client = socks.accept();
                    new Thread(() -> tunnel(client)).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void tunnel(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readNBytes(in.readUnsignedByte());
            out.write(new byte[] {5, 0});
            in.readUnsignedByte();
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            String host = switch (atyp) {
                case 1 -> java.net.InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                default -> java.net.InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            };
            int port = in.readUnsignedShort();
            if (cmd != 1) {
                return;
            }
            seenHost.set(host);
            // Every name is this machine here; the test server listens on loopback.
            try (Socket target = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                tunnels.incrementAndGet();
                out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                Thread up = new Thread(() -> pipe(in, target));
                up.start();
                pipe(target.getInputStream(), client);
                up.join(1000);
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }
}
