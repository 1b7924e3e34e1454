package org.plinth.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ports of a domain created with {@code asadmin create-domain --portbase <base>}: Payara adds
 * fixed offsets to the base (admin +48, HTTP +80, ...). Giving every domain its own base is what
 * keeps a test server from colliding with a running one (a second domain on the same ports makes
 * start-domain hang for minutes).
 */
public record PortLayout(int base) {

    /** Offsets used by create-domain --portbase (Payara 6), by the name Payara prints. */
    private static final Map<String, Integer> OFFSETS = offsets();

    public PortLayout {
        // the highest offset is +86 (JMX); stay clear of privileged ports and 65535
        if (base < 1024 || base + 100 > 65535) {
            throw new IllegalArgumentException("Port base " + base + " out of range 1024.." + (65535 - 100));
        }
    }

    private static Map<String, Integer> offsets() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Admin", 48);
        m.put("HTTP", 80);
        m.put("HTTPS", 81);
        m.put("JMS", 76);
        m.put("IIOP", 37);
        m.put("IIOP/SSL", 38);
        m.put("IIOP/mutual auth", 39);
        m.put("JMX", 86);
        m.put("OSGi shell", 66);
        // Hazelcast (+49, +59) is left out on purpose: Payara moves to the next free port itself.
        return m;
    }

    public int admin() {
        return base + OFFSETS.get("Admin");
    }

    public int http() {
        return base + OFFSETS.get("HTTP");
    }

    public int https() {
        return base + OFFSETS.get("HTTPS");
    }

    /** Every port the domain will listen on, by name. */
    public Map<String, Integer> ports() {
        Map<String, Integer> m = new LinkedHashMap<>();
        OFFSETS.forEach((name, offset) -> m.put(name, base + offset));
        return m;
    }

    /** Names and numbers of the domain's ports that something else is already listening on. */
    public List<String> busyPorts() {
        return ports().entrySet().stream()
                .filter(e -> !isFree(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.toList());
    }

    /** Throws with a message naming the busy ports (and how to pick others). */
    public void requireFree(String what) {
        List<String> busy = busyPorts();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Cannot start " + what + ": port(s) already in use: "
                    + String.join(", ", busy) + ". Is another Payara/Plinth running? Stop it or choose"
                    + " another port base (-Dplinth.port-base=..., now " + base + ").");
        }
    }

    /**
     * True if nothing listens on the port on any interface (Payara binds 0.0.0.0). SO_REUSEADDR
     * as Payara uses it: connections in TIME_WAIT after a stop-domain don't count, a listener does.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago (the OS picks it). */
    public static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free TCP port", e);
        }
    }
}
