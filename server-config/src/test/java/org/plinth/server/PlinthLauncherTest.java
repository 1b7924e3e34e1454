package org.plinth.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlinthLauncherTest {

    @Test
    void forwardsPlinthSettingsButNotLauncherOnes() {
        Properties sys = new Properties();
        sys.setProperty("plinth.keys.bob", "kb:user");
        sys.setProperty("plinth.port-base", "9000");
        sys.setProperty("plinth.ear", "/x.ear");
        sys.setProperty("user.home", "/root");
        Map<String, String> env = Map.of("PLINTH_API_KEY", "env-key", "PLINTH_KEYS_ALICE", "ka:user",
                "PLINTH_PAYARA_HOME", "/p", "HOME", "/root");
        assertEquals(Map.of("plinth.api-key", "env-key", "plinth.keys.alice", "ka:user", "plinth.keys.bob", "kb:user"),
                PlinthLauncher.forwardedProperties(env, sys));
    }

    @Test
    void oidcSettingsAreForwarded() {
        Properties sys = new Properties();
        sys.setProperty("mp.jwt.verify.issuer", "http://localhost:8180/realms/plinth");
        assertEquals(Map.of("mp.jwt.verify.issuer", "http://localhost:8180/realms/plinth"),
                PlinthLauncher.forwardedProperties(Map.of(), sys));
    }

    @Test
    void systemPropertiesWinOverEnvironment() {
        Properties sys = new Properties();
        sys.setProperty("plinth.api-key", "sys-key");
        assertEquals("sys-key", PlinthLauncher.forwardedProperties(Map.of("PLINTH_API_KEY", "env"), sys).get("plinth.api-key"));
    }

    @Test
    void generatedKeysAreUrlSafeAndLong() {
        String key = ApiKeyGenerator.generate();
        assertEquals(43, key.length());
        assertEquals(true, key.matches("[A-Za-z0-9_-]+"));
    }
}
