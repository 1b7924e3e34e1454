package org.plinth.apps.hyphy;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.plinth.api.AppInfo;
import org.plinth.api.Availability;
import org.plinth.api.Command;
import org.plinth.api.JobContext;
import org.plinth.api.Jsons;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;

/**
 * What the HyPhy methods share: finding the binary, the common part of the command line, keeping
 * HyPhy's JSON as an output, and reading a failure's reason. A method adds its own options and
 * turns its JSON into a summary.
 *
 * @param <I> the method's inputs
 */
abstract class HyphyApp<I extends Record & HyphyInputs> implements ProcessApp<I> {

    /** The plugin's version, reported when HyPhy is absent (there is no tool version then). */
    static final String PLUGIN_VERSION = "1.0";
    /** HyPhy's threads scale well to a few cores; the longest method (BUSTED) takes minutes, not hours. */
    static final Resources RESOURCES = new Resources(2, 1024, 4 * 3600);

    private final String id;
    private final String analysis;
    private final String title;
    private final String description;

    /**
     * @param analysis HyPhy's name for the standard analysis ({@code fel}); also names the JSON output
     */
    HyphyApp(String analysis, String title, String description) {
        this.id = "hyphy-" + analysis;
        this.analysis = analysis;
        this.title = title;
        this.description = description;
    }

    /** The method's own keyword arguments, after the alignment, tree and genetic code. */
    abstract void addOptions(HyphyCommandLine command, I inputs);

    /**
     * How many "### " phases the method announces on stdout (counted on real runs: FEL 5,
     * FUBAR 4); an estimate for progress only.
     */
    int phases() {
        return 6;
    }

    /** The job's result from HyPhy's JSON. */
    abstract Result summarize(JsonObject hyphyJson, I inputs);

    /** Where HyPhy writes its JSON, relative to the workspace: kept as the job's output. */
    String outputFile() {
        return analysis.toUpperCase(java.util.Locale.ROOT) + ".json";
    }

    @Override
    public AppInfo info() {
        String version = HyphyInstallation.binary().map(HyphyBinary::version).orElse(PLUGIN_VERSION);
        return new AppInfo(id, version, title, description);
    }

    @Override
    public Resources defaultResources() {
        return RESOURCES;
    }

    @Override
    public Availability availability() {
        return HyphyInstallation.availability();
    }

    @Override
    public Command prepare(I inputs, JobContext job) {
        return new Command(arguments(HyphyInstallation.require().path().toString(), inputs, job.resources().cores()), java.util.Map.of());
    }

    /** The whole argument vector; separate from prepare so tests need no HyPhy. */
    List<String> arguments(String binary, I inputs, int cores) {
        HyphyCommandLine command = new HyphyCommandLine(binary, analysis, cores)
                .keyword("alignment", inputs.alignment());
        command.keywordIfSet("tree", inputs.tree());
        command.keyword("code", inputs.code());
        addOptions(command, inputs);
        command.keyword("output", outputFile());
        return command.argv();
    }

    @Override
    public Result collect(I inputs, JobContext job, ProcessOutcome outcome) throws IOException {
        Path json = job.workspace().resolve(outputFile());
        if (!Files.isRegularFile(json)) {
            String reason = HyphyFailure.explain(job.workspace(), outcome.stdout());
            throw new IllegalStateException("HyPhy ended without writing " + outputFile()
                    + (reason == null ? "" : ": " + reason));
        }
        JsonObject hyphy;
        try (InputStream in = Files.newInputStream(json); var reader = Jsons.createReader(in)) {
            hyphy = reader.readObject();
        }
        Result summary = summarize(hyphy, inputs);
        JsonObject data = Jsons.createObjectBuilder(summary.data())
                .add("output", outputFile())
                .add("hyphyVersion", hyphy.getString("runtime", ""))
                .build();
        return new Result(data, summary.summary());
    }

    /** Progress from the phases HyPhy announced so far. */
    @Override
    public void watch(I inputs, JobContext job, ProcessOutcome soFar) throws IOException {
        if (Files.isRegularFile(soFar.stdout())) {
            HyphyProgress.of(Files.readString(soFar.stdout(), java.nio.charset.StandardCharsets.ISO_8859_1), phases())
                    .ifPresent(p -> job.progress(p.fraction(), p.phase()));
        }
    }

    @Override
    public java.util.Optional<String> explainFailure(I inputs, JobContext job, ProcessOutcome outcome) {
        return java.util.Optional.ofNullable(HyphyFailure.explain(job.workspace(), outcome.stdout()));
    }

    /** The start of every summary: which method ran on what. */
    JsonObjectBuilder header(JsonObject hyphyJson) {
        JsonObject input = hyphyJson.getJsonObject("input");
        var o = Jsons.createObjectBuilder().add("method", title);
        if (input != null) {
            o.add("sequences", input.getInt("number of sequences", 0))
                    .add("codons", input.getInt("number of sites", 0))
                    .add("partitions", input.getInt("partition count", 1));
        }
        return o;
    }
}
