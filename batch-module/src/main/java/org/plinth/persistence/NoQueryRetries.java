package org.plinth.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Switches off EclipseLink's silent retries of a read whose connection failed (by default 3
 * more tries, 5 s apart). In a database outage they held every reading request for 10-15 s
 * before its 503 (ReliabilityDatabaseOutageIT measured 10.2 s); without them a request answers
 * 503 at once and the client retries when it likes, and the job steps wait for the database
 * themselves where they must ({@link DatabaseWait}). Named by persistence.xml
 * ({@code eclipselink.session.customizer}); the only EclipseLink-specific class.
 */
public class NoQueryRetries implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
    }
}
