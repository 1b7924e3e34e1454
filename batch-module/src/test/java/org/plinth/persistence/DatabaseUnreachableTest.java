package org.plinth.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** The failures a PostgreSQL outage produced under Payara (ReliabilityDatabaseOutageIT), and some that are not one. */
class DatabaseUnreachableTest {

    @Test
    void connectionRefusedBehindThePoolAndTheProvider() {
        SQLException refused = new SQLException("Connection to localhost:46559 refused.", "08001");
        SQLException pool = new SQLException("Error in allocating a connection. Cause: Connection could not be allocated "
                + "because: Connection to localhost:46559 refused.", null, refused);
        assertTrue(DatabaseUnreachable.causes(new RuntimeException("EclipseLink-4002", pool)));
    }

    @Test
    void thePoolsOwnMessagesWithoutAnSqlState() {
        assertTrue(DatabaseUnreachable.causes(new RuntimeException(new SQLException(
                "Error in allocating a connection. Cause: This Managed Connection is not valid as the physical connection is not usable"))));
    }

    @Test
    void aCommitWhoseConnectionDied() {
        XAException xa = new XAException("jakarta.resource.ResourceException: This Managed Connection is not valid as the "
                + "physical connection is not usable");
        Exception system = new Exception("SystemException");
        system.initCause(xa);
        assertTrue(DatabaseUnreachable.causes(new RuntimeException("encountered exception during commit", system)));
        assertTrue(DatabaseUnreachable.causes(new XAException(XAException.XAER_RMFAIL)));
    }

    @Test
    void aCommitOnAConnectionThePoolClosedInAnOutage() {
        assertTrue(DatabaseUnreachable.causes(failedCommit("This connection has been closed.")));
    }

    @Test
    void aCommitOnAConnectionTheStoppingServerEnded() {
        // PostgreSQL's 57P01 only as text (a clean-clone CI run)
        assertTrue(DatabaseUnreachable.causes(failedCommit("FATAL: terminating connection due to administrator command")));
    }

    @Test
    void aCommitOnAConnectionFromBeforeTheOutage() {
        // a stage step's commit right after the database came back (a clean-clone CI run): 08006 only as text
        assertTrue(DatabaseUnreachable.causes(failedCommit("An I/O error occurred while sending to the backend.")));
        assertTrue(DatabaseUnreachable.causes(failedCommit("The connection attempt failed.")));
    }

    /** A commit's failure as ReliabilityDatabaseOutageIT met it: TransactionalException <- SystemException <- XAException. */
    private static RuntimeException failedCommit(String driverMessage) {
        XAException xa = new XAException("jakarta.resource.spi.LocalTransactionException: " + driverMessage);
        Exception system = new Exception("jakarta.transaction.SystemException");
        system.initCause(xa);
        return new RuntimeException(
                "Managed bean with Transactional annotation and TxType of REQUIRED encountered exception during commit", system);
    }

    @Test
    void shutdownAndStartUpStates() {
        assertTrue(DatabaseUnreachable.causes(new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnreachable.causes(new SQLException("FATAL: the database system is starting up", "57P03")));
        assertTrue(DatabaseUnreachable.causes(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    }

    @Test
    void otherDatabaseErrorsAreFaults() {
        assertFalse(DatabaseUnreachable.causes(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertFalse(DatabaseUnreachable.causes(new SQLException("relation \"job\" does not exist", "42P01")));
        assertFalse(DatabaseUnreachable.causes(new IllegalStateException("job x vanished")));
        assertFalse(DatabaseUnreachable.causes(new XAException(XAException.XA_RBROLLBACK)));
        assertFalse(DatabaseUnreachable.causes(null));
    }
}
