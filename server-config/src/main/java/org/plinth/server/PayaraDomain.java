package org.plinth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Payara Server domain in a directory of our own, driven through asadmin: create, start,
 * configure, deploy, stop, and SIGKILL (for crash tests).
 */
public final class PayaraDomain {

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(3);
    /** start-domain normally takes ~10 s; a port clash makes it hang for minutes (notes, pitfall 7). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path payaraHome;
    private final String name;
    private final Path domainsDir;
    private final PortLayout ports;
    private final Asadmin asadmin;

    public PayaraDomain(Path payaraHome, String name, Path domainsDir, PortLayout ports) {
        this.payaraHome = payaraHome.toAbsolutePath();
        this.name = name;
        this.domainsDir = domainsDir.toAbsolutePath();
        this.ports = ports;
        this.asadmin = new Asadmin(this.payaraHome, this.domainsDir.resolve(name + "-asadmin-logs"));
    }

    public String name() {
        return name;
    }

    public PortLayout ports() {
        return ports;
    }

    public Path domainDir() {
        return domainsDir.resolve(name);
    }

    public Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    public boolean exists() {
        return Files.isRegularFile(domainDir().resolve("config/domain.xml"));
    }

    /** create-domain with the port base, an admin user without password (local use only). */
    public void create() {
        try {
            Files.createDirectories(domainsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asadmin.run(COMMAND_TIMEOUT.plus(CREATE_TIMEOUT), "--user=admin", "create-domain", "--nopassword=true",
                "--portbase=" + ports.base(), "--domaindir=" + domainsDir, name).requireSuccess();
    }

    /** Removes the domain directory (delete-domain also works only on stopped domains). */
    public void delete() {
        killIfRunning();
        asadmin.run(COMMAND_TIMEOUT, "delete-domain", "--domaindir=" + domainsDir, name);
        Files2.deleteRecursively(domainDir());
    }

    /**
     * Puts a jar on the server's common class path ({@code <domain>/lib}), read at JVM start.
     * Done before the first start, so the JDBC pool works without an extra restart.
     */
    public void addLibrary(Path jar) {
        try {
            Path lib = Files.createDirectories(domainDir().resolve("lib"));
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * start-domain. Cleans up first: a domain JVM left over from a launcher that was SIGKILLed is
     * killed, stale pid files removed; then the ports must be free. start-domain returns before
     * deployed applications are ready: callers poll health.
     */
    public void start() {
        killIfRunning();
        ports.requireFree("Payara domain '" + name + "'");
        try {
            asadmin.run(true, START_TIMEOUT, "start-domain", "--domaindir=" + domainsDir, name).requireSuccess();
        } catch (RuntimeException e) {
            // whatever half-started JVM there is must not survive a failed start
            killIfRunning();
            throw e;
        }
    }

    /** restart-domain (needed after JVM option changes). */
    public void restart() {
        stop();
        start();
    }

    /** stop-domain; if that fails or times out, SIGKILL. Quiet when the domain is not running. */
    public void stop() {
        if (pid().isEmpty()) {
            removeStalePidFiles();
            return;
        }
        try {
            asadmin.run(STOP_TIMEOUT, "stop-domain", "--domaindir=" + domainsDir, name);
        } catch (RuntimeException e) {
            System.err.println("[plinth] stop-domain failed, killing the domain: " + e.getMessage());
        }
        killIfRunning();
    }

    /** SIGKILL the domain JVM, as a crash would. No-op when it is not running. */
    public void kill() {
        killIfRunning();
    }

    private void killIfRunning() {
        OptionalLong pid = pid();
        if (pid.isPresent()) {
            ProcessHandle.of(pid.getAsLong()).ifPresent(p -> {
                p.destroyForcibly(); // SIGKILL on Unix
                if (!Processes.awaitExit(p, Duration.ofSeconds(30))) {
                    throw new IllegalStateException("Payara (pid " + p.pid() + ") did not die after SIGKILL");
                }
            });
        }
        removeStalePidFiles();
    }

    private void removeStalePidFiles() {
        if (pid().isEmpty()) {
            try {
                Files.deleteIfExists(domainDir().resolve("config/pid"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The pid of this domain's running JVM, from {@code config/pid}; empty when the file is
     * missing or stale (process gone, or the pid reused by a process that is not this domain).
     */
    public OptionalLong pid() {
        Path pidFile = domainDir().resolve("config/pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(this::isThisDomain);
            return process.isPresent() ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private boolean isThisDomain(ProcessHandle p) {
        // the server JVM's command line holds "-domaindir <domainsDir>" and "-domainname <name>";
        // if the command line is unreadable, trust the pid file
        return p.info().arguments()
                .map(args -> List.of(args).contains(name) || String.join(" ", args).contains(domainDir().toString()))
                .orElse(true);
    }

    /**
     * Whether domain.xml has the application enabled on the DAS (so start-domain loads it).
     * Read from the file, so it also works while the domain is down.
     */
    public boolean isApplicationEnabled(String appName) {
        Path domainXml = domainDir().resolve("config/domain.xml");
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var doc = factory.newDocumentBuilder().parse(domainXml.toFile());
            var refs = doc.getElementsByTagName("application-ref");
            for (int i = 0; i < refs.getLength(); i++) {
                var ref = (org.w3c.dom.Element) refs.item(i);
                var server = (org.w3c.dom.Element) ref.getParentNode();
                if (appName.equals(ref.getAttribute("ref")) && "server".equals(server.getAttribute("name"))) {
                    return !"false".equals(ref.getAttribute("enabled"));
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + domainXml, e);
        }
    }

    public boolean isRunning() {
        return pid().isPresent();
    }

    /** Runs an asadmin multimode command file against the running domain; fails if any line failed. */
    public Asadmin.Result runScript(Path file) {
        return asadmin("multimode", "--file=" + file.toAbsolutePath());
    }

    /**
     * Deploys (or redeploys) an application archive, enabled. A redeploy with --force but without
     * --enabled=true keeps a disabled application disabled (measured on 6.2025.9: health never came
     * up); the enable afterwards is only a safety net.
     */
    public void deploy(Path archive, String appName) {
        asadmin.run(DEPLOY_TIMEOUT, "--port=" + ports.admin(), "deploy", "--force=true", "--enabled=true",
                "--name=" + appName, archive.toAbsolutePath().toString()).requireSuccess();
        if (!isApplicationEnabled(appName)) {
            asadmin("enable", appName);
        }
    }

    /** Any remote command against this domain's admin port. */
    public Asadmin.Result asadmin(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--port=" + ports.admin();
        System.arraycopy(args, 0, all, 1, args.length);
        return asadmin.run(COMMAND_TIMEOUT, all).requireSuccess();
    }

    @Override
    public String toString() {
        return "Payara domain " + name + " in " + domainsDir + " (admin " + ports.admin() + ", http "
                + ports.http() + ", payara " + payaraHome + ")";
    }
}
