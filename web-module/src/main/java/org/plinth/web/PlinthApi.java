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
 * The native API. A bean itself ({@code @ApplicationScoped}) so that MicroProfile JWT can be
 * switched on here later with {@code @LoginConfig} (see notes/payara.md, pitfall 3).
 */
@ApplicationPath("api/v1")
@ApplicationScoped
@OpenAPIDefinition(
        info = @Info(title = "Plinth", version = "1",
                description = "One host for scientific applications: apps are plugins, every job is a Jakarta Batch job."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An API key (or, later, an OIDC access token) as a bearer token"),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "An API key in the X-API-Key header")})
public class PlinthApi extends Application {
}
