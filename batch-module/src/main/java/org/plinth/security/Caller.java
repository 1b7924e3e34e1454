package org.plinth.security;

import java.util.Set;

/**
 * Who is asking: the authenticated user's name and roles, however they proved it (a configured
 * API key, a personal key, an OIDC token), and the client address the request came from, which
 * the audit trail records (null outside a request, e.g. on a batch thread).
 */
public record Caller(String name, Set<String> roles, String address) {

    /** Keycloak user names, service accounts and e-mail-like names; nothing that needs escaping. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}");

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String name, Set<String> roles) {
        this(name, roles, null);
    }

    public Caller from(String clientAddress) {
        return new Caller(name, roles, clientAddress);
    }

    /** Whether a name someone typed (a share's grantee, a quota's user) can be a user's name. */
    public static boolean isUserName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /**
     * Whether this caller may see a thing owned by {@code owner} (files; a job may also be
     * shared, see {@code security.sharing.JobAccess}).
     */
    public boolean canSee(String owner) {
        return isAdmin() || name.equals(owner);
    }
}
