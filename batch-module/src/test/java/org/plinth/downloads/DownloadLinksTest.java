package org.plinth.downloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plinth.security.Caller;
import org.plinth.security.ServerSecrets;

class DownloadLinksTest {

    /** The database's key, fixed: signing and checking are what is tested here. */
    private static DownloadLinks links(byte fill) {
        DownloadLinks links = new DownloadLinks();
        links.secrets = new ServerSecrets() {
            @Override
            public byte[] of(String name) {
                byte[] key = new byte[32];
                Arrays.fill(key, fill);
                return key;
            }
        };
        return links;
    }

    private static final Caller ALICE = new Caller("alice", Set.of("user"));
    private static final String JOB = "0b7c1e1e-5c55-4c7e-9f55-2f4a0a1b2c3d";

    @Test
    void aLinkNamesItsUserJobPathAndExpiry() throws Exception {
        Instant expires = Instant.now().plusSeconds(60);
        String token = links((byte) 1).issue(ALICE, JOB, "out/run.0320.001", expires).token();
        DownloadLinks.Grant grant = links((byte) 1).verify(token);
        assertEquals("alice", grant.caller().name());
        assertEquals(Set.of("user"), grant.caller().roles());
        assertEquals(JOB, grant.jobId());
        assertEquals("out/run.0320.001", grant.path());
        assertEquals(expires.getEpochSecond(), grant.expiresAt().getEpochSecond());
        assertNull(links((byte) 1).verify(links((byte) 1).issue(ALICE, JOB, null, expires).token()).path(), "the archive");
    }

    @Test
    void anotherKeyAChangedClaimOrGarbageIsNoLink() {
        String token = links((byte) 1).issue(ALICE, JOB, "x.txt", Instant.now().plusSeconds(60)).token();
        assertEquals(DownloadLinks.Refusal.NONE, assertThrows(DownloadLinks.Refused.class, () -> links((byte) 2).verify(token)).why());
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                body.replace("\"user\"", "\"admin\"").getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertEquals(DownloadLinks.Refusal.NONE, assertThrows(DownloadLinks.Refused.class, () -> links((byte) 1).verify(forged)).why());
        for (String junk : new String[] {"", ".", "abc", "abc.def", "%%%.%%%", token + "x"}) {
            assertEquals(DownloadLinks.Refusal.NONE, assertThrows(DownloadLinks.Refused.class, () -> links((byte) 1).verify(junk)).why(), junk);
        }
    }

    @Test
    void aPastExpiryIsExpiredNotForged() {
        String token = links((byte) 1).issue(ALICE, JOB, "x.txt", Instant.now().minusSeconds(1)).token();
        assertEquals(DownloadLinks.Refusal.EXPIRED, assertThrows(DownloadLinks.Refused.class, () -> links((byte) 1).verify(token)).why());
    }
}
