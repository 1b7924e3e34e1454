package org.plinth.jobs.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdPassesOnceWhileRemembered() {
        RecentIds ids = new RecentIds(3);
        assertTrue(ids.add(1));
        assertFalse(ids.add(1));
        ids.add(2);
        ids.add(3);
        ids.add(4); // 1 is forgotten
        assertTrue(ids.add(1));
        assertFalse(ids.add(4));
    }
}
