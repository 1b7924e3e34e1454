package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** OpenAPI with every endpoint and the apps' input schemas, Swagger UI, health. */
@ExtendWith(PlinthTestServer.class)
class SurfaceIT {

    private final PlinthTestServer server;

    SurfaceIT(PlinthTestServer server) {
        this.server = server;
    }

    @Test
    void openApiDescribesEndpointsAndAppInputs() {
        HttpResponse<String> doc = Http.get(server.baseUrl() + "/openapi", null);
        assertEquals(200, doc.statusCode());
        // Http.get asks for JSON, so the document comes as JSON.
        for (String part : new String[] {"\"/api/v1/jobs\"", "\"/api/v1/jobs/{id}/cancel\"", "\"/api/v1/jobs/{id}/archive\"",
                "\"/api/v1/apps/{id}\"", "\"script-inputs\"", "\"maxLength\":1048576", "X-API-Key"}) {
            assertTrue(doc.body().contains(part), "OpenAPI lacks " + part + ":\n"
                    + doc.body().substring(0, Math.min(3000, doc.body().length())));
        }
    }

    @Test
    void swaggerUiIsServedAtDocs() {
        HttpResponse<String> page = Http.get(server.baseUrl() + "/docs/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("SwaggerUIBundle"));
        assertEquals(200, Http.get(server.baseUrl() + "/webjars/swagger-ui/5.32.6/swagger-ui-bundle.js", null).statusCode());
    }

    @Test
    void healthChecksTheDatabaseAndTheDataDirectory() {
        HttpResponse<String> health = Http.get(server.baseUrl() + "/health/ready", null);
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"database\"") && health.body().contains("\"data-directory\""), health.body());
        assertTrue(health.body().contains("\"UP\""));
    }
}
