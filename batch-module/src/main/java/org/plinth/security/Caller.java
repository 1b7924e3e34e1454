package org.plinth.security;

import java.util.Set;

/**
 * Who is asking: the authenticated user's name and roles, however they proved it (API key
 * today, an OIDC token later). The engine decides ownership and permissions from this alone.
 */
public record Caller(String name, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** Whether this caller may see a thing owned by {@code owner}. */
    public boolean canSee(String owner) {
        return isAdmin() || name.equals(owner);
    }
}
