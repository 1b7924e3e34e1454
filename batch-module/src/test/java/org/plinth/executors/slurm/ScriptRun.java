package org.plinth.executors.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.plinth.api.Command;

/** Runs the real batch script (SlurmScript) with bash in a workspace, as slurmd would, for the marker tests. */
final class ScriptRun {

    private ScriptRun() {
    }

    static Process start(Path ws, long slurmId, String command) throws Exception {
        Path file = ws.resolve("job.sh");
        Files.writeString(file, SlurmScript.build(new Command(List.of("bash", "-c", command), Map.of()), ws.toString(), ""));
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(ws.resolve("out.log").toFile());
        pb.environment().put("SLURM_JOB_ID", Long.toString(slurmId));
        return pb.start();
    }
}
