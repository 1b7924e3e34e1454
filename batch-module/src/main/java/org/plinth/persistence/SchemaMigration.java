package org.plinth.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the database schema up to date with Flyway before anything reads a job. */
@ApplicationScoped
public class SchemaMigration {

    public static final String DATA_SOURCE = "jdbc/plinth";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    public void migrate() {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(DATA_SOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("no data source " + DATA_SOURCE + "; see server-config/asadmin", e);
        }
        // Flyway finds its database support through ServiceLoader: give it this jar's loader.
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("plinth_schema_history")
                // The batch runtime's tables share the schema; a database where they came
                // first is baselined below V1 rather than refused.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations run now)");
    }
}
