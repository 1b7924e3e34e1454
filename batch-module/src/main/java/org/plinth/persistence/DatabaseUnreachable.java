package org.plinth.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;

/**
 * Tells a failure caused by the database being away (stopped, restarting, the network between
 * us cut) from every other failure: the first is worth waiting out or answering 503, the second
 * is a fault. Seen in a PostgreSQL outage under Payara's pool (ReliabilityDatabaseOutageIT):
 * the pool's "Error in allocating a connection" (no SQLState; its cause may be "Connection
 * refused" or "the physical connection is not usable"), a commit whose connection died (an
 * XAException saying the physical connection is not usable, or that the connection was closed
 * under it), PostgreSQL's 08xxx connection
 * states, and 57P01..57P03 while it shuts down or starts up.
 */
public final class DatabaseUnreachable {

    /** admin_shutdown, crash_shutdown, cannot_connect_now ("the database system is starting up"). */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /**
     * Payara's pool: it cannot hand out a connection; a connection it handed out died. The
     * PostgreSQL driver's words for its connection states 08001, 08003 and 08006 (a connection
     * closed under a transaction, one that broke while in use, one that could not be made), and
     * PostgreSQL's own texts for 57P01..57P03. Those reach us only as text inside an XAException
     * when a commit meets the outage: the pool closed its connections while this one was in use,
     * the server ended it while stopping ("FATAL: terminating connection due to administrator
     * command"), or a connection from before the outage was used just after it ("An I/O error
     * occurred while sending to the backend", a stage step's commit; clean-clone CI runs on
     * 2026-12-03).
     */
    private static final String[] OUTAGE_MESSAGES = {"Error in allocating a connection", "physical connection is not usable",
            "This connection has been closed", "An I/O error occurred while sending to the backend",
            "The connection attempt failed", "Check that the hostname and port are correct",
            "terminating connection due to administrator command",
            "terminating connection because of crash of another server process", "the database system is starting up",
            "the database system is shutting down"};

    /** When a failure was last recognised as the database being away (System.nanoTime), 0 = never. */
    private static final AtomicLong LAST_SEEN = new AtomicLong();

    private DatabaseUnreachable() {
    }

    /**
     * Whether the database was found away within {@code window}, by anyone in this server: the
     * scheduler's tick, the event poll and requests all ask {@link #causes} when they fail, so an
     * outage of more than a few seconds is always noticed.
     */
    public static boolean seenWithin(java.time.Duration window) {
        long last = LAST_SEEN.get();
        return last != 0 && System.nanoTime() - last < window.toNanos();
    }

    /** Whether {@code e} or one of its causes says the database cannot be reached. */
    public static boolean causes(Throwable e) {
        if (recognise(e)) {
            long now = System.nanoTime();
            LAST_SEEN.set(now == 0 ? 1 : now);
            return true;
        }
        return false;
    }

    private static boolean recognise(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
            if (t instanceof XAException xa && (xa.errorCode == XAException.XAER_RMFAIL
                    || xa.errorCode == XAException.XA_RBCOMMFAIL)) {
                return true;
            }
            if (outageMessage(t.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean outageMessage(String message) {
        if (message != null) {
            for (String m : OUTAGE_MESSAGES) {
                if (message.contains(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unreachable(SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
            if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state))) {
                return true;
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return false;
    }
}
