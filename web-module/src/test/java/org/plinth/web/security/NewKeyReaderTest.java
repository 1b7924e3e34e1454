package org.plinth.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plinth.api.Jsons;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.security.keys.NewKey;

class NewKeyReaderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static JsonObject json(String text) {
        return Jsons.createReader(new StringReader(text)).readObject();
    }

    private static Set<String> badFields(String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> NewKeyReader.read(json(body), NOW));
        assertEquals(400, e.status());
        return e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void aNameAloneMakesAKeyThatNeverExpires() {
        NewKey k = NewKeyReader.read(json("{\"name\": \" ci \"}"), NOW);
        assertEquals("ci", k.name());
        assertNull(k.expiresAt());
        assertFalse(k.readOnly());
        assertNull(k.roles());
    }

    @Test
    void expiryInDaysOrAsAnInstant() {
        assertEquals(Instant.parse("2026-01-31T00:00:00Z"),
                NewKeyReader.read(json("{\"name\": \"a\", \"expiresInDays\": 30}"), NOW).expiresAt());
        NewKey k = NewKeyReader.read(json("{\"name\": \"a\", \"expiresAt\": \"2026-02-01T10:00:00Z\", \"readOnly\": true, "
                + "\"roles\": [\"user\"]}"), NOW);
        assertEquals(Instant.parse("2026-02-01T10:00:00Z"), k.expiresAt());
        assertTrue(k.readOnly());
        assertEquals(Set.of("user"), k.roles());
    }

    @Test
    void everyBadFieldIsNamed() {
        assertEquals(Set.of("name"), badFields("{}"));
        assertEquals(Set.of("name"), badFields("{\"name\": \"  \"}"));
        assertEquals(Set.of("name"), badFields("{\"name\": 3}"));
        assertEquals(Set.of("expiresAt"), badFields("{\"name\": \"a\", \"expiresAt\": \"tomorrow\"}"));
        assertEquals(Set.of("expiresAt"), badFields("{\"name\": \"a\", \"expiresAt\": \"2025-01-01T00:00:00Z\"}"));
        assertEquals(Set.of("expiresAt"), badFields("{\"name\": \"a\", \"expiresAt\": 17}"));
        assertEquals(Set.of("expiresInDays"), badFields("{\"name\": \"a\", \"expiresInDays\": 0}"));
        assertEquals(Set.of("expiresInDays"), badFields("{\"name\": \"a\", \"expiresInDays\": 1.5}"));
        assertEquals(Set.of("expiresInDays"), badFields("{\"name\": \"a\", \"expiresInDays\": 99999999999999}"));
        assertEquals(Set.of("expiresInDays"), badFields("{\"name\": \"a\", \"expiresInDays\": 1, \"expiresAt\": \"2027-01-01T00:00:00Z\"}"));
        assertEquals(Set.of("readOnly"), badFields("{\"name\": \"a\", \"readOnly\": \"yes\"}"));
        assertEquals(Set.of("roles"), badFields("{\"name\": \"a\", \"roles\": \"user\"}"));
        assertEquals(Set.of("roles[1]"), badFields("{\"name\": \"a\", \"roles\": [\"user\", \"a,b\"]}"));
        assertEquals(Set.of("secret", "name"), badFields("{\"secret\": \"x\"}"));
    }
}
