package org.plinth.apps.sourcefinder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plinth.api.AppInfo;
import org.plinth.api.Availability;
import org.plinth.api.Command;
import org.plinth.api.JobContext;
import org.plinth.api.Jsons;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Result;

/**
 * Finds sources in a FITS image with SExtractor, as caesar-rest serves its finder: the
 * catalogue as the job's result and as {@code sources.json}/{@code sources.csv}, a DS9 region
 * file and a PNG preview with the sources circled.
 */
@ApplicationScoped
public class SourceFinderApp implements ProcessApp<SourceFinderInputs> {

    static final String IMAGE_LINK = "source-finder-image.fits";
    static final String CONFIG_FILE = "source-finder.sex";
    static final String JSON_FILE = "sources.json";
    static final String CSV_FILE = "sources.csv";
    static final String REGION_FILE = "sources.reg";
    static final String PREVIEW_FILE = "preview.png";

    private static final AppInfo INFO = new AppInfo("source-finder", "1.0",
            "Source finder (SExtractor)",
            "Detects sources in a FITS image with SExtractor and measures their positions (pixels, and "
                    + "RA/Dec when the header has a WCS), fluxes, shapes and flags. Outputs: the catalogue as "
                    + "JSON and CSV, a DS9 region file and a PNG preview with the sources circled.");
    private static final Pattern BACKGROUND = Pattern.compile(
            "Background:\\s*(\\S+)\\s+RMS:\\s*(\\S+)\\s*/\\s*Threshold:\\s*(\\S+)");
    private static final Pattern ERROR = Pattern.compile("\\*Error\\*:?\\s*(.*)");

    /** Found once; looked for again while missing, so installing the package needs no restart. */
    private volatile SourceExtractorTool tool;

    @Override
    public AppInfo info() {
        return INFO;
    }

    @Override
    public Class<SourceFinderInputs> inputType() {
        return SourceFinderInputs.class;
    }

    @Override
    public Availability availability() {
        SourceExtractorTool.Result found = locate();
        return found.tool() != null ? Availability.available(found.tool().version()) : Availability.unavailable(found.problem());
    }

    private SourceExtractorTool.Result locate() {
        SourceExtractorTool known = tool;
        if (known != null && Files.isExecutable(known.binary())) {
            return new SourceExtractorTool.Result(known, null);
        }
        SourceExtractorTool.Result found = SourceExtractorTool.locate();
        tool = found.tool();
        return found;
    }

    @Override
    public Command prepare(SourceFinderInputs in, JobContext job) throws Exception {
        SourceExtractorTool.Result found = locate();
        if (found.tool() == null) {
            throw new IllegalStateException(found.problem());
        }
        Path workspace = job.workspace();
        job.progress(0.02, "checking the image");
        FitsImageInfo info = inspect(workspace, in.image());

        // A fixed name: SExtractor reads commas and brackets in an image argument as syntax.
        Path link = workspace.resolve(IMAGE_LINK);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, link.getParent().relativize(workspace.resolve(in.image())));

        Files.write(workspace.resolve(SextractorConfig.PARAMETERS_FILE),
                SextractorConfig.outputParameters(info.wcs(), in.apertures().size()), StandardCharsets.UTF_8);
        Path template = found.tool().shareDir().resolve("default.sex");
        Files.writeString(workspace.resolve(CONFIG_FILE), SexFile.render(Files.readAllLines(template, StandardCharsets.ISO_8859_1),
                SextractorConfig.settings(in, found.tool().shareDir(), job.resources().cores())), StandardCharsets.UTF_8);
        job.progress(0.1, "running SExtractor on " + info.width() + "×" + info.height() + " pixels");
        String image = info.hdu() == 0 ? IMAGE_LINK : IMAGE_LINK + "[" + info.hdu() + "]";
        return Command.of(found.tool().binary().toString(), image, "-c", CONFIG_FILE);
    }

    private static FitsImageInfo inspect(Path workspace, String image) throws BadImageException, IOException {
        try {
            return FitsImages.inspect(workspace.resolve(image));
        } catch (BadImageException e) {
            throw new BadImageException("image " + Path.of(image).getFileName() + ": " + e.getMessage());
        }
    }

    /** SExtractor's own *Error* line, when it exits non-zero. */
    @Override
    public java.util.Optional<String> explainFailure(SourceFinderInputs in, JobContext job, ProcessOutcome outcome)
            throws IOException {
        String log = Files.exists(outcome.stderr()) ? Files.readString(outcome.stderr(), StandardCharsets.ISO_8859_1) : "";
        Matcher error = ERROR.matcher(log);
        return error.find() ? java.util.Optional.of("SExtractor: " + error.group(1).strip()) : java.util.Optional.empty();
    }

    @Override
    public Result collect(SourceFinderInputs in, JobContext job, ProcessOutcome outcome) throws Exception {
        Path workspace = job.workspace();
        Files.deleteIfExists(workspace.resolve(IMAGE_LINK)); // else the outputs list the input image twice
        job.progress(0.8, "reading the catalogue");
        String log = Files.exists(outcome.stderr()) ? Files.readString(outcome.stderr(), StandardCharsets.ISO_8859_1) : "";
        Path catalogueFile = workspace.resolve(SextractorConfig.CATALOGUE_FILE);
        if (!Files.exists(catalogueFile)) {
            Matcher error = ERROR.matcher(log);
            throw new IOException("SExtractor wrote no catalogue" + (error.find() ? ": " + error.group(1).strip() : ""));
        }
        FitsImageInfo info = inspect(workspace, in.image());
        AsciiHeadCatalogue catalogue;
        try (Reader r = Files.newBufferedReader(catalogueFile, StandardCharsets.ISO_8859_1)) {
            catalogue = AsciiHeadCatalogue.parse(r);
        }
        List<Source> sources = SextractorSources.from(catalogue);
        int apertures = in.apertures().size();
        try (Writer w = Files.newBufferedWriter(workspace.resolve(CSV_FILE), StandardCharsets.UTF_8)) {
            SourceCsv.write(sources, info.wcs(), apertures, w);
        }
        try (Writer w = Files.newBufferedWriter(workspace.resolve(REGION_FILE), StandardCharsets.UTF_8)) {
            Ds9Regions.write(sources, w);
        }
        try (Writer w = Files.newBufferedWriter(workspace.resolve(JSON_FILE), StandardCharsets.UTF_8)) {
            Jsons.PROVIDER.createWriter(w).writeObject(Jsons.createObjectBuilder()
                    .add("count", sources.size()).add("wcs", info.wcs())
                    .add("units", SourceJson.UNITS)
                    .add("sources", SourceJson.array(sources, Integer.MAX_VALUE)).build());
        }

        job.progress(0.9, "drawing the preview");
        int factor = PreviewImage.binning(info.width(), info.height());
        float[][] binned = FitsImages.readBinned(workspace.resolve(in.image()), info, factor);
        Stretch stretch = Stretch.fitted(in.previewStretch(), PreviewImage.sample(binned));
        try (OutputStream out = Files.newOutputStream(workspace.resolve(PREVIEW_FILE))) {
            PreviewImage.writePng(PreviewImage.render(binned, factor, stretch, sources), out);
        }

        // The brightest when the list is trimmed: those are what a reader of a long list wants first.
        List<Source> listed = sources.size() <= in.resultLimit() ? sources
                : sources.stream().sorted(Comparator.comparingDouble((Source s) -> -finite(s.flux())))
                        .limit(in.resultLimit()).sorted(Comparator.comparingInt(Source::number)).toList();
        SourceExtractorTool found = locate().tool(); // after a server restart prepare ran in another life
        String version = found != null ? found.version() : "(no longer found)";
        JsonObjectBuilder result = Jsons.createObjectBuilder()
                .add("count", sources.size())
                .add("listed", listed.size())
                .add("truncated", listed.size() < sources.size())
                .add("image", Jsons.createObjectBuilder().add("width", info.width()).add("height", info.height())
                        .add("hdu", info.hdu()).add("wcs", info.wcs()))
                .add("tool", "SExtractor " + version);
        background(log).ifPresent(b -> result.add("background", b));
        result.add("outputs", Jsons.createObjectBuilder().add("json", JSON_FILE).add("csv", CSV_FILE)
                        .add("regions", REGION_FILE).add("preview", PREVIEW_FILE)
                        .add("catalogue", SextractorConfig.CATALOGUE_FILE).add("config", CONFIG_FILE))
                .add("units", SourceJson.UNITS)
                .add("sources", SourceJson.array(listed, listed.size()));
        job.progress(1, sources.size() + " sources");
        return new Result(result.build(), sources.size() + (sources.size() == 1 ? " source" : " sources") + " found"
                + (info.wcs() ? " (with RA/Dec)" : ""));
    }

    /** SExtractor's global background level, its RMS and the detection threshold it used, from its log. */
    static java.util.Optional<JsonObject> background(String log) {
        Matcher m = BACKGROUND.matcher(log);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Jsons.createObjectBuilder().add("level", Double.parseDouble(m.group(1)))
                    .add("rms", Double.parseDouble(m.group(2))).add("threshold", Double.parseDouble(m.group(3))).build());
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }
}
