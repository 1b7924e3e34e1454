package org.plinth.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.plinth.persistence.SchemaMigration;
import org.plinth.web.PlinthStartup;

/** Ready only when the database answers and start-up (migration, reconciliation) is done. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @jakarta.inject.Inject
    PlinthStartup startup;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try {
            DataSource ds = (DataSource) new InitialContext().lookup(SchemaMigration.DATA_SOURCE);
            try (Connection c = ds.getConnection()) {
                boolean valid = c.isValid(2);
                return response.status(valid && startup.isReady())
                        .withData("connection", valid).withData("startupDone", startup.isReady()).build();
            }
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
