package org.plinth.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.plinth.workspace.Workspaces;

/** Ready only when the data directory is writable and has the configured free space. */
@Readiness
@ApplicationScoped
public class DataDirectoryReadiness implements HealthCheck {

    @Inject
    Workspaces workspaces;
    @Inject
    @ConfigProperty(name = "plinth.data.min-free-mb", defaultValue = "256")
    long minFreeMb;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("data-directory");
        try {
            Path root = workspaces.root();
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".health", ".tmp");
            Files.delete(probe);
            long freeMb = Files.getFileStore(root).getUsableSpace() / (1024 * 1024);
            return response.status(freeMb >= minFreeMb).withData("path", root.toString())
                    .withData("freeMb", freeMb).withData("minFreeMb", minFreeMb).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
