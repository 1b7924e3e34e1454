package org.plinth.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The native API. Callers are found by {@code security.Authentication} (OIDC tokens and API
 * keys). No {@code @LoginConfig(authMethod = "MP-JWT")} here on purpose: Payara's MP-JWT
 * mechanism then checks every {@code Authorization: Bearer} value before JAX-RS sees the request
 * and answers 401 itself, which refuses API keys sent as bearer tokens (docs/identity.md).
 */
@ApplicationPath("api/v1")
@ApplicationScoped
@OpenAPIDefinition(
        info = @Info(title = "Plinth", version = "1",
                description = "One host for scientific applications: apps are plugins, every job is a Jakarta Batch job."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An OIDC access token from the site's Keycloak, or an API key, as a bearer token"),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "An API key in the X-API-Key header")})
public class PlinthApi extends Application {
}
