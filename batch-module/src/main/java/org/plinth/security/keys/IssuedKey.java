package org.plinth.security.keys;

/** A key just created: the secret, shown this once, and its stored record. */
public record IssuedKey(String secret, ApiKey key) {
    @Override
    public String toString() {
        return "IssuedKey[" + key.id() + "]"; // never the secret, should this be logged
    }
}
