package org.plinth.executors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process known by its pid and its start time (clock ticks since boot, field 22 of
 * {@code /proc/<pid>/stat}). Pids are reused; the pair is not, so a server that comes back
 * after a crash never mistakes a stranger for its job.
 */
public record ProcessIdentity(long pid, long startTicks) {

    public static OptionalLong startTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[19]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether this very process is still alive (and not a zombie). */
    public boolean isAlive() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !"Z".equals(fields[0]) && Long.parseLong(fields[19]) == startTicks;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
