package org.plinth.jobs.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few thousand event ids seen, so that an event reaching the bus twice (from this
 * server's commit and from the poll that also sees it in the database) is published once.
 */
final class RecentIds {

    private final Map<Long, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(capacity * 2) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Answers true the first time an id is offered (while it is still remembered). */
    synchronized boolean add(long id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
