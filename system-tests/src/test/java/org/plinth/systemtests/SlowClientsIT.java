package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that hold a request thread (an upload trickling in) must not starve the others:
 * Payara's HTTP pool has 5 threads by default; server-config gives it room.
 */
@ExtendWith(PlinthTestServer.class)
class SlowClientsIT {

    private final PlinthTestServer server;

    SlowClientsIT(PlinthTestServer server) {
        this.server = server;
    }

    @Test
    void twentySlowUploadsDoNotStarveAStatusRequest() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("localhost", server.server().httpPort());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/files?name=slow" + i + ".bin HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                        + server.aliceKey() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[1000]); // then nothing: the request thread waits for the rest
                out.flush();
                slow.add(s);
            }
            Api.sleep(1000);
            long t0 = System.nanoTime();
            HttpResponse<String> r = new Api(server, server.aliceKey()).get("/jobs?limit=1");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[slow-clients] a status request with 20 slow uploads in flight took %d ms%n", millis);
            assertEquals(200, r.statusCode());
            assertTrue(millis < 10_000, "took " + millis + " ms");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
