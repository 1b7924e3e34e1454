package org.plinth.persistence;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Indexes the batch runtime's job repository, which lives in Plinth's database. The JBatch
 * tables that Payara creates have no index on their lookup columns ({@code jobstatus.id},
 * {@code stepstatus.id}, the executions' parent ids), so every job's bookkeeping scanned every
 * earlier execution: throughput fell as history grew (20 jobs/s after a few thousand jobs, with
 * PostgreSQL using more CPU than the server). Each index is created only if its table exists
 * and the index does not, so this is harmless on a runtime with other tables.
 */
@ApplicationScoped
public class BatchRepositoryIndexes {

    private static final Logger LOG = Logger.getLogger(BatchRepositoryIndexes.class.getName());

    /** table, column: the lookups the runtime makes for each job, step and checkpoint. */
    private static final List<String[]> INDEXES = List.of(
            new String[] {"jobstatus", "id"},
            new String[] {"stepstatus", "id"},
            new String[] {"checkpointdata", "id"},
            new String[] {"executioninstancedata", "jobinstanceid"},
            new String[] {"stepexecutioninstancedata", "jobexecid"});

    public void ensure() {
        // The runtime creates its tables when first asked; ask, so they exist before indexing.
        BatchRuntime.getJobOperator().getJobNames();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            int created = 0;
            for (String[] index : INDEXES) {
                String table = index[0];
                String column = index[1];
                try (var rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        continue;
                    }
                }
                s.execute("CREATE INDEX IF NOT EXISTS plinth_" + table + "_" + column + " ON " + table + " (" + column + ")");
                created++;
            }
            int n = created;
            LOG.info(() -> "batch job repository: " + n + " lookup indexes in place");
        } catch (SQLException e) {
            LOG.warning("cannot index the batch job repository (jobs still run, slower): " + e.getMessage());
        }
    }

    private static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup(SchemaMigration.DATA_SOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
