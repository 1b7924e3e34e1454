package org.plinth.systemtests.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import java.nio.file.Files;
import org.plinth.api.AppInfo;
import org.plinth.api.InProcessApp;
import org.plinth.api.JobContext;
import org.plinth.api.Result;

/**
 * A third party's app, compiled against plugins/api only and packed into its own jar by
 * PluginJarIT: proof that a jar in the EAR's lib/ is all it takes to add an app, and a test of
 * the in-process shape.
 */
@ApplicationScoped
public class GreeterApp implements InProcessApp<GreeterInputs> {

    @Override
    public AppInfo info() {
        return new AppInfo("greeter", "0.1", "Greeter", "Greets someone, in process.");
    }

    @Override
    public Class<GreeterInputs> inputType() {
        return GreeterInputs.class;
    }

    @Override
    public Result run(GreeterInputs inputs, JobContext job) throws Exception {
        StringBuilder names = new StringBuilder(inputs.name());
        if (inputs.guests() != null) {
            // the host staged the file and hands over its path in the workspace
            for (String guest : Files.readAllLines(job.workspace().resolve(inputs.guests()))) {
                names.append(" and ").append(guest.strip());
            }
        }
        String text = ("Hello, " + names + "!\n").repeat(inputs.times());
        Files.writeString(job.workspace().resolve("greeting.txt"), text);
        job.progress(1.0, "greeted");
        return new Result(Json.createObjectBuilder().add("greeting", text.strip()).build(), "greeted " + inputs.name());
    }
}
