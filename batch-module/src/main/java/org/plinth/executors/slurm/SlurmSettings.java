package org.plinth.executors.slurm;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How Plinth reaches a SLURM cluster and what it asks of it, read once from configuration.
 *
 * <p>Keys under {@code plinth.executors.slurm.}:
 * <table>
 * <caption>SLURM executor configuration</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>url</td><td>http://127.0.0.1:6820</td><td>slurmrestd's base URL</td></tr>
 * <tr><td>api-version</td><td>v0.0.38</td><td>v0.0.38 (Slurm 22.05) or v0.0.40, v0.0.41 … (Slurm 23.11+)</td></tr>
 * <tr><td>auth</td><td>mint</td><td>{@code mint}: sign our own HS256 tokens with the cluster's JWT key;
 *     {@code token}: use {@code token} (replaceable at run time)</td></tr>
 * <tr><td>key-file</td><td>/var/spool/slurm/jwt_hs256.key</td><td>the cluster's JWT key (mint); must be readable by Plinth</td></tr>
 * <tr><td>token</td><td>none</td><td>a token from {@code scontrol token} (auth=token); a secret, never logged</td></tr>
 * <tr><td>token-lifetime-seconds</td><td>1800</td><td>lifetime of a minted token; renewed at 2/3 of it</td></tr>
 * <tr><td>service-user</td><td>plinth</td><td>the cluster user Plinth acts as ({@code sun} claim and X-SLURM-USER-NAME)</td></tr>
 * <tr><td>users</td><td>service</td><td>{@code service}: every job runs as the service user;
 *     {@code mapped}: as the cluster user of {@code user.<plinth user>}</td></tr>
 * <tr><td>user.&lt;plinth user&gt;</td><td>none</td><td>the cluster user a Plinth user's jobs run as (users=mapped)</td></tr>
 * <tr><td>partition, constraints, account, qos</td><td>none</td><td>passed to every job as they are</td></tr>
 * <tr><td>env.&lt;NAME&gt;</td><td>none</td><td>an environment variable for every job</td></tr>
 * <tr><td>script-setup</td><td>none</td><td>shell lines run before the command, e.g. {@code module load openmpi}</td></tr>
 * <tr><td>cluster-data-dir</td><td>the value of {@code plinth.data-dir}</td><td>where the cluster sees Plinth's data
 *     directory ({@code plinth.data-dir}); job workspaces are rewritten from one prefix to the other</td></tr>
 * <tr><td>proxy</td><td>none</td><td>{@code host:port} (or {@code socks5://host:port}) of a SOCKS5 proxy to slurmrestd,
 *     e.g. an {@code ssh -D} tunnel</td></tr>
 * <tr><td>timeout-seconds</td><td>30</td><td>connect and response timeout of one HTTP call</td></tr>
 * <tr><td>retries</td><td>3</td><td>extra attempts after a connection failure or a busy controller</td></tr>
 * </table>
 *
 * @param url        slurmrestd's base URL, without the {@code /slurm/vX} part
 * @param apiVersion the REST API version the adapter speaks, e.g. {@code v0.0.38}
 * @param auth       how requests are authenticated
 * @param users      whose job it is on the cluster
 * @param job        what every job asks for besides its own resources
 * @param paths      the data directory as the server and as the cluster sees it
 * @param socksProxy a SOCKS5 proxy in front of slurmrestd, or null
 * @param timeout    connect and response timeout of one HTTP call
 * @param retries    extra attempts after a connection failure or a busy controller
 */
public record SlurmSettings(URI url, String apiVersion, Auth auth, Users users, JobDefaults job, PathMap paths,
                            InetSocketAddress socksProxy, Duration timeout, int retries) {

    public static final String PREFIX = "plinth.executors.slurm.";

    public SlurmSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(paths, "paths");
        if (!apiVersion.matches("v0\\.0\\.\\d+")) {
            throw new IllegalArgumentException("api-version must look like v0.0.38, not " + apiVersion);
        }
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** The minor number of the API version: 38 for v0.0.38. */
    public int apiMinor() {
        return Integer.parseInt(apiVersion.substring(apiVersion.lastIndexOf('.') + 1));
    }

    /**
     * Settings for a cluster at {@code url} with everything else at its default: minted tokens
     * for {@code serviceUser}, one service user, no proxy, a shared data directory.
     */
    public static SlurmSettings minting(URI url, String apiVersion, Path keyFile, String serviceUser, Path dataDir) {
        return new SlurmSettings(url, apiVersion, Auth.mint(keyFile, serviceUser, Duration.ofMinutes(30)),
                Users.service(), JobDefaults.NONE, PathMap.shared(dataDir), null, Duration.ofSeconds(30), 3);
    }

    /** How requests are authenticated. */
    public enum AuthMode { MINT, TOKEN }

    /**
     * @param mode          mint our own tokens, or use a given one
     * @param keyFile       the cluster's HS256 JWT key (mint)
     * @param token         the given token (token); replaceable at run time through {@link SlurmTokens}
     * @param tokenLifetime lifetime of a minted token
     * @param serviceUser   the cluster user Plinth acts as
     */
    public record Auth(AuthMode mode, Path keyFile, String token, Duration tokenLifetime, String serviceUser) {

        public Auth {
            Objects.requireNonNull(mode, "auth mode");
            requireText(serviceUser, "service-user");
            if (mode == AuthMode.MINT && keyFile == null) {
                throw new IllegalArgumentException("auth=mint needs key-file");
            }
            if (mode == AuthMode.TOKEN && (token == null || token.isBlank())) {
                throw new IllegalArgumentException("auth=token needs token");
            }
            tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(30) : tokenLifetime;
            if (tokenLifetime.toSeconds() < 3) {
                throw new IllegalArgumentException("token-lifetime-seconds must be at least 3");
            }
        }

        public static Auth mint(Path keyFile, String serviceUser, Duration lifetime) {
            return new Auth(AuthMode.MINT, keyFile, null, lifetime, serviceUser);
        }

        public static Auth token(String token, String serviceUser) {
            return new Auth(AuthMode.TOKEN, null, token, null, serviceUser);
        }

        /** Never shows the token: settings end up in logs and admin pages. */
        @Override
        public String toString() {
            return "Auth[mode=" + mode + ", keyFile=" + keyFile + ", token=" + (token == null ? "none" : "***")
                    + ", tokenLifetime=" + tokenLifetime + ", serviceUser=" + serviceUser + "]";
        }
    }

    /** Whose job it is on the cluster. */
    public enum UserMode { SERVICE, MAPPED }

    /**
     * @param mode  one service user for all, or a cluster user per Plinth user
     * @param table Plinth user → cluster user (mapped)
     */
    public record Users(UserMode mode, Map<String, String> table) {

        public Users {
            Objects.requireNonNull(mode, "users");
            table = Map.copyOf(table == null ? Map.of() : table);
        }

        public static Users service() {
            return new Users(UserMode.SERVICE, Map.of());
        }
    }

    /**
     * The cluster user a Plinth user's job runs as.
     *
     * @throws SlurmRejectedException when users are mapped and this one has no cluster user:
     *                                running it as someone else would charge the wrong person
     */
    public String clusterUserFor(String plinthUser) throws SlurmRejectedException {
        if (users.mode() == UserMode.SERVICE) {
            return auth.serviceUser();
        }
        String mapped = users.table().get(plinthUser);
        if (mapped == null) {
            throw new SlurmRejectedException("no cluster user for Plinth user '" + plinthUser + "'", 0, java.util.List.of());
        }
        return mapped;
    }

    /**
     * @param partition   partition, or null for the cluster's default
     * @param constraints node features, or null
     * @param account     account to charge, or null
     * @param qos         quality of service, or null
     * @param environment variables for every job
     * @param scriptSetup shell lines run before the command (trusted: from the admin), or empty
     */
    public record JobDefaults(String partition, String constraints, String account, String qos,
                              Map<String, String> environment, String scriptSetup) {

        public static final JobDefaults NONE = new JobDefaults(null, null, null, null, Map.of(), "");

        public JobDefaults {
            partition = blankToNull(partition);
            constraints = blankToNull(constraints);
            account = blankToNull(account);
            qos = blankToNull(qos);
            environment = Map.copyOf(environment == null ? Map.of() : environment);
            scriptSetup = scriptSetup == null ? "" : scriptSetup;
        }
    }

    /**
     * The shared data directory as each side sees it.
     *
     * @param serverDataDir  Plinth's data directory ({@code plinth.data-dir}), absolute
     * @param clusterDataDir the same directory as the cluster's nodes see it
     */
    public record PathMap(Path serverDataDir, String clusterDataDir) {

        public PathMap {
            serverDataDir = serverDataDir.toAbsolutePath().normalize();
            requireText(clusterDataDir, "cluster-data-dir");
            if (!clusterDataDir.startsWith("/")) {
                throw new IllegalArgumentException("cluster-data-dir must be absolute: " + clusterDataDir);
            }
            clusterDataDir = clusterDataDir.length() > 1 && clusterDataDir.endsWith("/")
                    ? clusterDataDir.substring(0, clusterDataDir.length() - 1) : clusterDataDir;
        }

        public static PathMap shared(Path dataDir) {
            Path abs = dataDir.toAbsolutePath().normalize();
            return new PathMap(abs, abs.toString());
        }

        /** The cluster's path of a file or directory under the server's data directory. */
        public String toCluster(Path serverPath) {
            Path abs = serverPath.toAbsolutePath().normalize();
            if (!abs.startsWith(serverDataDir)) {
                throw new IllegalArgumentException(abs + " is outside the data directory " + serverDataDir);
            }
            Path rel = serverDataDir.relativize(abs);
            if (rel.toString().isEmpty()) {
                return clusterDataDir;
            }
            return (clusterDataDir.equals("/") ? "" : clusterDataDir) + "/" + rel.toString().replace('\\', '/');
        }
    }

    /** Reads the settings; fails with the offending key's name when one is wrong. */
    public static SlurmSettings from(Config config) {
        Map<String, String> all = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> all.put(name.substring(PREFIX.length()), v));
            }
        }
        Function<String, Optional<String>> get = key -> Optional.ofNullable(all.get(key)).map(String::trim).filter(s -> !s.isEmpty());
        try {
            URI url = URI.create(get.apply("url").orElse("http://127.0.0.1:6820"));
            String version = get.apply("api-version").orElse("v0.0.38");
            String serviceUser = get.apply("service-user").orElse("plinth");
            AuthMode mode = parseEnum(AuthMode.class, get.apply("auth").orElse("mint"), "auth");
            Duration lifetime = Duration.ofSeconds(Long.parseLong(get.apply("token-lifetime-seconds").orElse("1800")));
            Auth auth = new Auth(mode, Path.of(get.apply("key-file").orElse("/var/spool/slurm/jwt_hs256.key")),
                    get.apply("token").orElse(null), lifetime, serviceUser);
            UserMode userMode = parseEnum(UserMode.class, get.apply("users").orElse("service"), "users");
            Users users = new Users(userMode, withPrefix(all, "user."));
            JobDefaults job = new JobDefaults(get.apply("partition").orElse(null), get.apply("constraints").orElse(null),
                    get.apply("account").orElse(null), get.apply("qos").orElse(null), withPrefix(all, "env."),
                    all.getOrDefault("script-setup", ""));
            Path dataDir = Path.of(config.getOptionalValue("plinth.data-dir", String.class).orElse("plinth-data"));
            PathMap paths = get.apply("cluster-data-dir").map(c -> new PathMap(dataDir, c)).orElseGet(() -> PathMap.shared(dataDir));
            InetSocketAddress proxy = get.apply("proxy").map(SlurmSettings::parseProxy).orElse(null);
            Duration timeout = Duration.ofSeconds(Long.parseLong(get.apply("timeout-seconds").orElse("30")));
            int retries = Integer.parseInt(get.apply("retries").orElse("3"));
            return new SlurmSettings(url, version, auth, users, job, paths, proxy, timeout, retries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad SLURM configuration (" + PREFIX + "*): " + e.getMessage(), e);
        }
    }

    private static Map<String, String> withPrefix(Map<String, String> all, String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return found;
    }

    static InetSocketAddress parseProxy(String value) {
        String s = value.trim();
        if (s.startsWith("socks5://") || s.startsWith("socks5h://") || s.startsWith("socks://")) {
            s = s.substring(s.indexOf("://") + 3);
        } else if (s.contains("://")) {
            throw new IllegalArgumentException("proxy must be a SOCKS5 proxy (host:port or socks5://host:port): " + value);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("proxy must be host:port: " + value);
        }
        String host = s.substring(0, colon).replaceAll("^\\[|]$", "");
        // Unresolved: the proxy resolves the host, as with ssh -D and socks5h.
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(s.substring(colon + 1).replace("/", "")));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT) + ", not " + value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void requireText(String s, String key) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }
}
