package org.plinth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's PostgreSQL, started for real from zonky's binaries. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    private static String show(Connection c, String setting) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void itIsDurableNotATestDatabase() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(new EmbeddedDatabase.Spec(dir.resolve("pgdata"), 0, true, dir.resolve("pg.log")))) {
            EmbeddedDatabase.Coordinates at = db.coordinates();
            try (Connection c = DriverManager.getConnection(at.jdbcUrl(), at.user(), at.password())) {
                assertEquals("on", show(c, "fsync"));
                assertEquals("on", show(c, "synchronous_commit"));
                assertEquals("on", show(c, "full_page_writes"));
            }
        }
    }
}
