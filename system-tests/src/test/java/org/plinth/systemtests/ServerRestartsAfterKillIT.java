package org.plinth.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness can crash Payara (SIGKILL) and bring it back with the EAR still deployed. */
@ExtendWith(PlinthTestServer.class)
class ServerRestartsAfterKillIT {

    @Test
    void killedServerComesBackWithTheApplication(PlinthTestServer server) {
        long pidBefore = server.payaraPid().orElseThrow();

        server.kill();
        assertFalse(server.payaraPid().isPresent(), "Payara still running after kill");
        assertTrue(ProcessHandle.of(pidBefore).map(p -> !p.isAlive()).orElse(true));
        assertThrows(RuntimeException.class, () -> Http.get(server.baseUrl() + "/health/ready", null));

        server.restartAfterKill();
        assertNotEquals(pidBefore, server.payaraPid().orElseThrow());
        HttpResponse<String> r = Http.get(server.apiUrl() + "/apps", server.adminKey());
        assertEquals(200, r.statusCode(), r.body());
    }
}
