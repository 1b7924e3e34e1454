package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmStateTest {

    @Test
    void baseStatesAndFlags() {
        assertEquals(SlurmState.PENDING, SlurmState.of(List.of("PENDING")));
        assertEquals(SlurmState.PENDING, SlurmState.of(List.of("PENDING", "REQUEUED")));
        assertEquals(SlurmState.PENDING, SlurmState.of(List.of("RUNNING", "CONFIGURING")), "nodes still booting");
        assertEquals(SlurmState.RUNNING, SlurmState.of(List.of("COMPLETING")));
        assertEquals(SlurmState.RUNNING, SlurmState.of(List.of("CANCELLED", "COMPLETING")));
        assertEquals(SlurmState.RUNNING, SlurmState.of(List.of("SUSPENDED")));
        assertEquals(SlurmState.OUT_OF_MEMORY, SlurmState.of(List.of("OUT_OF_MEMORY")));
        assertEquals(SlurmState.NODE_FAIL, SlurmState.of(List.of("BOOT_FAIL")));
        assertEquals(SlurmState.TIMEOUT, SlurmState.of(List.of("DEADLINE")));
        assertEquals(SlurmState.FAILED, SlurmState.of(List.of("PREEMPTED")));
        assertEquals(SlurmState.UNKNOWN, SlurmState.of(List.of("SOMETHING_NEW")));
        assertEquals(SlurmState.UNKNOWN, SlurmState.of(List.of()));
        assertFalse(SlurmState.UNKNOWN.ended());
        assertTrue(SlurmState.GONE.ended());
    }

    @Test
    void waitStatuses() {
        assertEquals(new SlurmJobStatus.WaitStatus(3, null), SlurmJobStatus.WaitStatus.decode(768));
        assertEquals(new SlurmJobStatus.WaitStatus(0, null), SlurmJobStatus.WaitStatus.decode(0));
        assertEquals(new SlurmJobStatus.WaitStatus(255, null), SlurmJobStatus.WaitStatus.decode(255 << 8));
        assertEquals(new SlurmJobStatus.WaitStatus(null, 15), SlurmJobStatus.WaitStatus.decode(15));
        var killed = SlurmJobStatus.WaitStatus.decode(9 | 0x80); // SIGKILL with a core dump flag
        assertNull(killed.exitCode());
        assertEquals(9, killed.signal());
    }
}
