package org.plinth.systemtests.plugin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;

/** Inputs of the third-party test app. */
public record GreeterInputs(
        @NotBlank @Description("Whom to greet") String name,
        @Min(1) @Max(10) @DefaultValue("1") @Description("How many greetings") int times,
        @InputFile @Description("A file of more names to greet, one per line") String guests) {
}
