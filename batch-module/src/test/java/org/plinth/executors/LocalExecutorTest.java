package org.plinth.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/** Real processes: exit status through the wrapper, the whole tree killed, identity by start time. */
class LocalExecutorTest {

    @TempDir
    Path ws;

    private RunningProcess launch(String script) throws Exception {
        Files.createDirectories(ws.resolve(".plinth"));
        return new LocalExecutor().launch(ws, new Command(List.of("bash", "-c", script), Map.of("GREETING", "hi")),
                new Resources(2, 100, 60), "job-1", ws.resolve(".plinth/stdout.log"), ws.resolve(".plinth/stderr.log"));
    }

    @Test
    void recordsExitStatusOutputAndEnvironment() throws Exception {
        RunningProcess p = launch("echo $GREETING $PLINTH_CORES; echo err >&2; exit 7");
        assertTrue(p.awaitExit(Duration.ofSeconds(10)));
        assertEquals(7, p.exitCode().getAsInt());
        assertEquals("hi 2\n", Files.readString(ws.resolve(".plinth/stdout.log")));
        assertEquals("err\n", Files.readString(ws.resolve(".plinth/stderr.log")));
        assertTrue(LocalExecutor.recordedCpuMillis(ws).isPresent());
    }

    @Test
    void killEndsTheWholeProcessGroup() throws Exception {
        RunningProcess p = launch("sleep 300 & echo $! > child.pid; sleep 300");
        for (int i = 0; i < 100 && !Files.exists(ws.resolve("child.pid")); i++) {
            Thread.sleep(50);
        }
        long child = Long.parseLong(Files.readString(ws.resolve("child.pid")).trim());
        assertTrue(ProcessHandle.of(child).isPresent());
        p.kill(Duration.ofSeconds(5));
        assertFalse(p.handle().isAlive());
        for (int i = 0; i < 100 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the background child survived");
        assertTrue(p.exitCode().isEmpty(), "a killed wrapper records no exit status");
    }

    @Test
    void identityIsPidPlusStartTime() throws Exception {
        RunningProcess p = launch("sleep 30");
        ProcessIdentity id = p.identity();
        assertTrue(id.isAlive());
        assertFalse(new ProcessIdentity(id.pid(), id.startTicks() + 1).isAlive(), "a reused pid must not match");
        assertTrue(new LocalExecutor().attach(ws, id).isPresent());
        p.kill(Duration.ofSeconds(5));
        assertFalse(id.isAlive());
        assertTrue(new LocalExecutor().attach(ws, id).isEmpty());
    }

    @Test
    void aLaunchWhosePidWasNotStoredIsFoundByThePidTheWrapperWrote() throws Exception {
        assertTrue(LocalExecutor.startedProcess(ws, "job-1").isEmpty(), "no wrapper ran yet");
        RunningProcess p = launch("sleep 30");
        for (int i = 0; i < 100 && !Files.exists(ws.resolve(".plinth/pid")); i++) {
            Thread.sleep(50);
        }
        ProcessIdentity found = LocalExecutor.startedProcess(ws, "job-1").orElseThrow();
        assertEquals(p.identity(), found);
        assertTrue(found.isAlive());
        assertFalse(LocalExecutor.startedProcess(ws, "job-2").orElseThrow().isAlive(),
                "a process whose environment names another job is not this job's");
        p.kill(Duration.ofSeconds(5));
        assertFalse(LocalExecutor.startedProcess(ws, "job-1").orElseThrow().isAlive());
    }
}
