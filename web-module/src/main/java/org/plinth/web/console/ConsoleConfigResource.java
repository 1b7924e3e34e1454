package org.plinth.web.console;

import org.plinth.web.security.Public;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.web.security.OidcSettings;

/**
 * What the web console needs before anyone has signed in: whether to offer Keycloak login, and
 * where. Public, and it names nothing secret (the console's client is a public PKCE client).
 */
@Path("console/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class ConsoleConfigResource {

    @Inject
    OidcSettings oidc;
    @Inject
    Config config;

    @GET
    @Public
    @Operation(summary = "The web console's settings: OIDC issuer, client id and endpoints, when OIDC is on (no credential needed)")
    public JsonObject config() {
        var b = Jsons.createObjectBuilder();
        var o = Jsons.createObjectBuilder().add("enabled", oidc.enabled());
        oidc.issuer().ifPresent(issuer -> {
            // Keycloak's endpoint paths; plinth.console.oidc.* overrides them for another provider
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            o.add("issuer", issuer)
                    .add("clientId", setting("plinth.console.oidc.client-id", "plinth-console"))
                    .add("authorizationEndpoint", setting("plinth.console.oidc.authorization-endpoint",
                            base + "/protocol/openid-connect/auth"))
                    .add("tokenEndpoint", setting("plinth.console.oidc.token-endpoint", base + "/protocol/openid-connect/token"))
                    .add("logoutEndpoint", setting("plinth.console.oidc.logout-endpoint", base + "/protocol/openid-connect/logout"))
                    .add("scope", setting("plinth.console.oidc.scope", "openid"));
        });
        return b.add("oidc", o).add("api", "/api/v1").build();
    }

    private String setting(String key, String fallback) {
        return config.getOptionalValue(key, String.class).orElse(fallback);
    }
}
