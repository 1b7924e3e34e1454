package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.JobContext;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;

class AstraProgressTest {

    @TempDir
    Path workspace;

    /** Remembers the last progress the app reported. */
    static final class Watched implements JobContext {
        final Path workspace;
        Double fraction;
        String message;

        Watched(Path workspace) {
            this.workspace = workspace;
        }

        public String jobId() { return "00000000-0000-0000-0000-000000000002"; }
        public String owner() { return "alice"; }
        public Path workspace() { return workspace; }
        public Resources resources() { return Resources.DEFAULT; }
        public void progress(double f, String m) { fraction = f; message = m; }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = AstraProgressTest.class.getResourceAsStream("/astra/astra-web-xfel/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void zReachedOfZStopFromTheGrowingXemitTable() throws Exception {
        Files.write(workspace.resolve(AstraRun.INPUT_FILE), fixture("xfel.in")); // RUN=1, ZSTOP=3.2
        Watched job = new Watched(workspace);
        ProcessOutcome running = new ProcessOutcome(-1, workspace.resolve("out.log"), workspace.resolve("err.log"));
        new AstraApp().watch(null, job, running);
        assertNull(job.fraction, "no table yet, no progress");

        // the genuine xfel table cut after 100 rows, as ASTRA leaves it mid-run (row 100: z = 1.5831 m)
        List<String> rows = new String(fixture("xfel.Xemit.001")).lines().toList();
        Files.write(workspace.resolve("run.Xemit.001"), rows.subList(0, 100));
        new AstraApp().watch(null, job, running);
        assertEquals(1.5831 / 3.2, job.fraction, 1e-9);
        assertTrue(job.message.contains("z = 1.583 m of 3.200 m"), job.message);
    }
}
