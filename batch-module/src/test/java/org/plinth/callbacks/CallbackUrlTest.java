package org.plinth.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackUrlTest {

    @Test
    void plainHttpAndHttpsUrlsPass() {
        assertEquals(Optional.empty(), CallbackUrl.problem("https://example.org/hook?job=1"));
        assertEquals(Optional.empty(), CallbackUrl.problem("http://10.0.0.5:8080/x"));
    }

    @Test
    void otherSchemesCredentialsFragmentsAndJunkAreRefusedWithAReason() {
        assertTrue(CallbackUrl.problem("ftp://example.org/x").orElseThrow().contains("http or https"));
        assertTrue(CallbackUrl.problem("https://u:p@example.org/x").orElseThrow().contains("password"));
        assertTrue(CallbackUrl.problem("https://example.org/x#f").orElseThrow().contains("fragment"));
        assertTrue(CallbackUrl.problem("/relative").isPresent());
        assertTrue(CallbackUrl.problem("http:///nohost").isPresent());
        assertTrue(CallbackUrl.problem("not a url").isPresent());
        assertTrue(CallbackUrl.problem("https://example.org/" + "a".repeat(2000)).orElseThrow().contains("2000"));
    }

    @Test
    void theSignatureIsGitHubStyleHmacSha256OverTheBytes() {
        // RFC 4231 test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                CallbackSignature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void localAndPrivateAddressesAreRecognised() throws Exception {
        for (String a : new String[] {"127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.0.1", "169.254.169.254", "0.0.0.0",
                "::1", "fd00::1", "fe80::1"}) {
            assertTrue(CallbackSender.isPrivate(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"93.184.216.34", "2001:db8::1"}) {
            assertFalse(CallbackSender.isPrivate(InetAddress.getByName(a)), a);
        }
    }
}
