package org.plinth.apps.script;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;

/**
 * Inputs of the {@code script} app.
 *
 * @param script      the bash script, run as a file (never through {@code bash -c})
 * @param environment variables set for the script; names are checked so nothing but plain
 *                    identifiers reaches the process environment
 */
public record ScriptInputs(
        @NotBlank
        @Size(max = 1_048_576)
        @Description("The bash script to run in the job's workspace.")
        String script,

        @Size(max = 256)
        @DefaultValue("{}")
        @Description("Environment variables for the script; names are letters, digits and '_', not starting with a digit.")
        Map<@jakarta.validation.constraints.Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}",
                message = "must be a plain variable name") String,
            @Size(max = 65_536) String> environment) {

    public ScriptInputs {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }
}
