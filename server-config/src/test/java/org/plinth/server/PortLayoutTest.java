package org.plinth.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortLayoutTest {

    @Test
    void portsFollowPayaraPortbaseOffsets() {
        PortLayout launcher = new PortLayout(8000);
        assertEquals(8048, launcher.admin());
        assertEquals(8080, launcher.http());
        assertEquals(8081, launcher.https());
        PortLayout tests = new PortLayout(28000);
        assertEquals(28048, tests.admin());
        assertEquals(28080, tests.http());
        assertEquals(28086, tests.ports().get("JMX"));
    }

    @Test
    void baseOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PortLayout(80));
        assertThrows(IllegalArgumentException.class, () -> new PortLayout(65500));
    }

    @Test
    void busyPortIsReportedByName() throws IOException {
        int base = PortLayout.anyFreePort() / 100 * 100;
        if (base < 1024 || base > 65000) {
            base = 41000;
        }
        PortLayout layout = new PortLayout(base);
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(layout.http()));
            assertFalse(PortLayout.isFree(layout.http()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> layout.requireFree("test"));
            assertTrue(e.getMessage().contains("HTTP " + layout.http()), e.getMessage());
        }
        assertTrue(PortLayout.isFree(layout.http()));
    }
}
