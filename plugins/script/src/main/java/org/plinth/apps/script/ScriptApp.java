package org.plinth.apps.script;

import org.plinth.api.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.plinth.api.AppInfo;
import org.plinth.api.Command;
import org.plinth.api.JobContext;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Result;

/**
 * Runs a user's bash script in the job's workspace with the job's resources, as psik_api does.
 * Running arbitrary code is powerful, so by default only admins may use it; configuration
 * ({@code plinth.apps.script.roles}, {@code plinth.apps.script.enabled}) opens or closes it.
 */
@ApplicationScoped
public class ScriptApp implements ProcessApp<ScriptInputs> {

    static final String SCRIPT_FILE = "script.sh";

    private static final AppInfo INFO = new AppInfo("script", "1.0",
            "Batch script",
            "Runs a bash script in the job's own workspace with the job's cores, memory and "
                    + "walltime. Files the script writes there are the job's outputs.");

    @Override
    public AppInfo info() {
        return INFO;
    }

    @Override
    public Class<ScriptInputs> inputType() {
        return ScriptInputs.class;
    }

    @Override
    public Set<String> defaultRoles() {
        return Set.of("admin");
    }

    @Override
    public Command prepare(ScriptInputs inputs, JobContext job) throws Exception {
        Path script = job.workspace().resolve(SCRIPT_FILE);
        Files.writeString(script, inputs.script(), StandardCharsets.UTF_8);
        return new Command(List.of("bash", SCRIPT_FILE), inputs.environment());
    }

    @Override
    public Result collect(ScriptInputs inputs, JobContext job, ProcessOutcome outcome) {
        return new Result(Jsons.createObjectBuilder().add("exitCode", outcome.exitCode()).build(),
                "script exited with " + outcome.exitCode());
    }
}
