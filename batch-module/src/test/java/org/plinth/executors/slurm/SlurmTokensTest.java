package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmTokensTest {

    @TempDir
    Path dir;

    @Test
    void mintedTokenIsHs256OverTheKeyWithSunIatExp() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        var now = java.time.Instant.parse("2026-11-23T12:00:00Z");
        String jwt = SlurmTokens.mint(key, "alice", now, Duration.ofMinutes(10));

        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder d = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new String(d.decode(parts[0]), StandardCharsets.UTF_8));
        // Checked independently of the code under test.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertArrayEquals(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)), d.decode(parts[2]));
        assertTrue(!jwt.contains("=") && !jwt.contains("+") && !jwt.contains("/"), "base64url without padding");

        JsonObject claims = SlurmTokens.claims(jwt).orElseThrow();
        assertEquals("alice", claims.getString("sun"));
        assertEquals(now.getEpochSecond(), claims.getJsonNumber("iat").longValue());
        assertEquals(now.getEpochSecond() + 600, claims.getJsonNumber("exp").longValue());

        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertNotEquals(jwt, SlurmTokens.mint(otherKey, "alice", now, Duration.ofMinutes(10)));
    }

    @Test
    void aUserNameCannotBreakOutOfItsClaim() {
        String jwt = SlurmTokens.mint(new byte[] {1}, "eve\",\"sun\":\"root", java.time.Instant.EPOCH, Duration.ofMinutes(1));
        assertEquals("eve\",\"sun\":\"root", SlurmTokens.claims(jwt).orElseThrow().getString("sun"));
    }

    @Test
    void renewsAtTwoThirdsOfTheLifetimeAndPerUser() throws Exception {
        Path key = dir.resolve("k");
        Files.write(key, new byte[] {1, 2, 3});
        var clock = new FakeSlurm.MovableClock();
        SlurmTokens tokens = new SlurmTokens(SlurmSettings.Auth.mint(key, "svc", Duration.ofSeconds(300)), clock);

        String first = tokens.tokenFor("svc");
        assertEquals(clock.now.plusSeconds(300), tokens.expiresAt().orElseThrow());
        clock.advance(Duration.ofSeconds(199));
        assertEquals(first, tokens.tokenFor("svc"), "still young: reused");
        clock.advance(Duration.ofSeconds(1));
        String second = tokens.tokenFor("svc");
        assertNotEquals(first, second, "at 2/3 of 300 s a new one is minted");
        assertEquals(clock.now.getEpochSecond(), SlurmTokens.claims(second).orElseThrow().getJsonNumber("iat").longValue());

        assertEquals("bob", SlurmTokens.claims(tokens.tokenFor("bob")).orElseThrow().getString("sun"));
        assertEquals("svc", SlurmTokens.claims(tokens.tokenFor("svc")).orElseThrow().getString("sun"));

        clock.advance(Duration.ofSeconds(1));
        tokens.renew("svc");
        assertNotEquals(second, tokens.tokenFor("svc"), "renew forgets the cached token");
        assertThrows(IllegalStateException.class, () -> tokens.replace("a.b.c"));
    }

    @Test
    void anUnreadableKeyIsUnavailableAndNamesTheFile() {
        Path missing = dir.resolve("nope.key");
        SlurmTokens tokens = new SlurmTokens(SlurmSettings.Auth.mint(missing, "svc", Duration.ofMinutes(5)));
        var e = assertThrows(SlurmUnavailableException.class, () -> tokens.tokenFor("svc"));
        assertTrue(e.getMessage().contains("nope.key"));
    }

    @Test
    void aGivenTokenIsUsedForEveryoneAndCanBeReplaced() throws Exception {
        String given = SlurmTokens.mint(new byte[] {9}, "svc", java.time.Instant.ofEpochSecond(1000), Duration.ofSeconds(60));
        SlurmSettings.Auth auth = SlurmSettings.Auth.token(given, "svc");
        assertTrue(!auth.toString().contains(given) && auth.toString().contains("***"), "settings never print the token");
        SlurmTokens tokens = new SlurmTokens(auth);
        assertEquals(given, tokens.tokenFor("anyone"));
        assertEquals(java.time.Instant.ofEpochSecond(1060), tokens.expiresAt().orElseThrow());
        String next = SlurmTokens.mint(new byte[] {9}, "svc", java.time.Instant.ofEpochSecond(2000), Duration.ofSeconds(60));
        tokens.replace(next);
        assertEquals(next, tokens.tokenFor("svc"));
        assertThrows(IllegalArgumentException.class, () -> tokens.replace("not a jwt"));
        assertEquals(next, tokens.tokenFor("svc"));
    }

    @Test
    void concurrentCallersShareOneToken() throws Exception {
        Path key = dir.resolve("k");
        Files.write(key, new byte[] {4, 5, 6});
        SlurmTokens tokens = new SlurmTokens(SlurmSettings.Auth.mint(key, "svc", Duration.ofMinutes(30)), new FakeSlurm.MovableClock());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                seen.add(tokens.tokenFor("svc"));
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1, seen.size());
    }
}
