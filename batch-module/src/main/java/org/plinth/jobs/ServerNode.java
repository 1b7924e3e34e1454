package org.plinth.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.Config;

/**
 * This server instance's name ({@code plinth.node}, else the host name). A job carries the name
 * of the instance that claimed it: after a crash only that instance reconciles it, and only that
 * instance may start a claim it finds without a batch job.
 */
@ApplicationScoped
public class ServerNode {

    @Inject
    Config config;

    private volatile String name;

    public String name() {
        String n = name;
        if (n == null) {
            n = config.getOptionalValue("plinth.node", String.class).orElseGet(ServerNode::hostName);
            name = n;
        }
        return n;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
