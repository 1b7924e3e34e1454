package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HyPhy's reason for a failure, from what HyPhy 2.5.46 really wrote for bad alignments. */
class HyphyFailureTest {

    @Test
    void errorsLogGivesTheMessageOnce() {
        assertEquals("The format of the sequence file has not been recognized and may be invalid",
                HyphyFailure.message(Resources.text("junk-errors.log")));
        assertEquals("Illegal right hand side in call to Topology id = ...; it must be a string, a Newick tree spec or a topology",
                HyphyFailure.message(Resources.text("bad-errors.log")));
    }

    @Test
    void stdoutWithColoursWhenThereIsNoLog(@TempDir Path workspace) throws Exception {
        Path stdout = workspace.resolve("stdout.txt");
        Files.writeString(stdout, Resources.text("junk-stdout.txt"));
        assertEquals("The format of the sequence file has not been recognized and may be invalid",
                HyphyFailure.explain(workspace, stdout));
    }

    @Test
    void nothingToSay(@TempDir Path workspace) throws Exception {
        Path stdout = workspace.resolve("stdout.txt");
        Files.writeString(stdout, "killed before it began\n");
        assertNull(HyphyFailure.explain(workspace, stdout));
        assertNull(HyphyFailure.explain(workspace, workspace.resolve("missing")));
    }
}
