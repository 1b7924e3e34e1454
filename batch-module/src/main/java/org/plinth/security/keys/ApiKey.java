package org.plinth.security.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A personal API key's row: never the key itself, only its SHA-256. Changed only by {@link ApiKeyStore}. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    String id;
    String owner;
    String name;
    /** The first characters of the key, so its owner can tell keys apart. */
    String prefix;
    @Column(name = "key_hash")
    String keyHash;
    /** Comma-separated: the roles the key acts with, fixed at creation. */
    String roles;
    @Column(name = "read_only")
    boolean readOnly;
    @Column(name = "created_at")
    OffsetDateTime createdAt;
    @Column(name = "expires_at")
    OffsetDateTime expiresAt;
    @Column(name = "revoked_at")
    OffsetDateTime revokedAt;

    public String id() { return id; }
    public String owner() { return owner; }
    public String name() { return name; }
    public String prefix() { return prefix; }
    public String keyHash() { return keyHash; }
    public boolean readOnly() { return readOnly; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime expiresAt() { return expiresAt; }
    public OffsetDateTime revokedAt() { return revokedAt; }

    public Set<String> roles() {
        return roles.isEmpty() ? Set.of() : Arrays.stream(roles.split(",")).collect(Collectors.toUnmodifiableSet());
    }
}
