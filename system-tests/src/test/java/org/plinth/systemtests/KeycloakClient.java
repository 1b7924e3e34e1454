package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.plinth.server.KeycloakServer;

/** Tokens from the test Keycloak, and its admin REST API for changes a test needs. */
final class KeycloakClient {

    private final KeycloakServer server;

    KeycloakClient(KeycloakServer server) {
        this.server = server;
    }

    /** An access token by the password grant (a public client with direct access grants). */
    String password(String client, String user, String password) {
        return token(server.tokenUrl(), Map.of("grant_type", "password", "client_id", client,
                "username", user, "password", password));
    }

    /** The same from another realm of the test Keycloak. */
    String password(String realm, String client, String user, String password) {
        return token(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", user, "password", password));
    }

    String clientCredentials(String client, String secret) {
        return token(server.tokenUrl(), Map.of("grant_type", "client_credentials", "client_id", client,
                "client_secret", secret));
    }

    /** Calls the admin REST API as the bootstrap admin; answers the response. */
    HttpResponse<String> admin(String method, String path, String json) {
        String adminToken = token(server.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", server.adminUser(), "password", server.adminPassword()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return Http.send(b.build());
    }

    private static String token(String url, Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, r.statusCode(), "token request to " + url + ": " + r.body());
        return ((JsonObject) Http.json(r)).getString("access_token");
    }
}
