package org.plinth.apps.sourcefinder;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;
import org.plinth.api.Unit;

/**
 * Inputs of the {@code source-finder} app. Each option carries SExtractor's name as its alias,
 * so a request may use either. The defaults are SExtractor's own except where those detect
 * mostly noise: the detection threshold (3 σ instead of 1.5 σ) and the filter kernel (a 5×5
 * Gaussian of 2 px FWHM instead of the 3×3 pyramid), which found 20/20 point sources with no
 * false detection on 512² Gaussian-noise test images.
 */
public record SourceFinderInputs(
        @NotBlank
        @InputFile
        @Description("The FITS image: an uploaded file's id or job:<id>/<path>. The first HDU holding a 2-D image is searched.")
        String image,

        @NotNull @DecimalMin("0.1") @DecimalMax("1000")
        @Unit("sigma") @Alias("DETECT_THRESH") @DefaultValue("3")
        @Description("Detection threshold above the local background, in units of the background RMS.")
        Double detectThreshold,

        @NotNull @DecimalMin("0.1") @DecimalMax("1000")
        @Unit("sigma") @Alias("ANALYSIS_THRESH") @DefaultValue("3")
        @Description("Threshold for the isophotal measurements (shape, isophotal flux), in units of the background RMS.")
        Double analysisThreshold,

        @NotNull @Min(1) @Max(100_000)
        @Unit("px") @Alias("DETECT_MINAREA") @DefaultValue("5")
        @Description("Minimum number of connected pixels above the detection threshold.")
        Integer minArea,

        @NotNull
        @Alias("FILTER") @DefaultValue("true")
        @Description("Smooth the image with the filter kernel before detection (finds faint point sources, rejects noise).")
        Boolean filter,

        @NotNull
        @Alias("FILTER_NAME") @DefaultValue("\"gauss_2.0_5x5\"")
        @Choices({"gauss_1.5_3x3", "gauss_2.0_3x3", "gauss_2.0_5x5", "gauss_2.5_5x5", "gauss_3.0_5x5",
                "gauss_3.0_7x7", "gauss_4.0_7x7", "gauss_5.0_9x9",
                "mexhat_1.5_5x5", "mexhat_2.0_7x7", "mexhat_2.5_7x7", "mexhat_3.0_9x9", "mexhat_4.0_9x9",
                "mexhat_5.0_11x11",
                "tophat_1.5_3x3", "tophat_2.0_3x3", "tophat_2.5_3x3", "tophat_3.0_3x3", "tophat_4.0_5x5",
                "tophat_5.0_5x5"})
        @Description("Filter kernel bundled with SExtractor: <shape>_<FWHM in px>_<size>. Match the FWHM to the seeing; mexhat for crowded fields.")
        String filterKernel,

        @NotNull @Min(1) @Max(64)
        @Alias("DEBLEND_NTHRESH") @DefaultValue("32")
        @Description("Number of deblending sub-thresholds.")
        Integer deblendThresholds,

        @NotNull @DecimalMin("0") @DecimalMax("1")
        @Alias("DEBLEND_MINCONT") @DefaultValue("0.005")
        @Description("Minimum contrast (fraction of the total flux) for a branch to count as a separate source; 0 deblends everything, 1 nothing.")
        Double deblendMinContrast,

        @NotNull
        @Alias("CLEAN") @DefaultValue("true")
        @Description("Remove spurious detections around bright sources.")
        Boolean clean,

        @NotNull @DecimalMin("0.1") @DecimalMax("10")
        @Alias("CLEAN_PARAM") @DefaultValue("1.0")
        @Description("Moffat profile beta used for cleaning (smaller cleans more).")
        Double cleanParam,

        @NotNull @Min(8) @Max(4096)
        @Unit("px") @Alias("BACK_SIZE") @DefaultValue("64")
        @Description("Size of a background mesh cell.")
        Integer backgroundMeshSize,

        @NotNull @Min(1) @Max(15)
        @Unit("meshes") @Alias("BACK_FILTERSIZE") @DefaultValue("3")
        @Description("Size of the median filter over the background map, in mesh cells.")
        Integer backgroundFilterSize,

        @NotNull
        @Alias("BACKPHOTO_TYPE") @DefaultValue("\"GLOBAL\"")
        @Choices({"GLOBAL", "LOCAL"})
        @Description("Background used for photometry: the background map (GLOBAL) or an annulus around each source (LOCAL).")
        String photometryBackground,

        @NotNull @Size(min = 1, max = 16)
        @Unit("px") @Alias("PHOT_APERTURES") @DefaultValue("[5]")
        @Description("Diameters of the circular photometry apertures.")
        List<@NotNull @DecimalMin("0.1") @DecimalMax("10000") Double> apertures,

        @NotNull @DecimalMin("0.1") @DecimalMax("100")
        @DefaultValue("2.5")
        @Description("Kron factor of the AUTO (elliptical aperture) photometry (the first number of PHOT_AUTOPARAMS).")
        Double kronFactor,

        @NotNull @DecimalMin("0.1") @DecimalMax("100")
        @DefaultValue("3.5")
        @Description("Minimum Kron radius of the AUTO photometry (the second number of PHOT_AUTOPARAMS).")
        Double kronMinRadius,

        @NotNull @PositiveOrZero
        @Unit("e-/ADU") @Alias("GAIN") @DefaultValue("0")
        @Description("Detector gain, for the flux errors; 0 means infinite (no Poisson noise from the sources).")
        Double gain,

        @NotNull @PositiveOrZero
        @Unit("arcsec/px") @Alias("PIXEL_SCALE") @DefaultValue("0")
        @Description("Pixel scale; 0 takes it from the image's WCS header.")
        Double pixelScale,

        @NotNull @DecimalMin("0")
        @Unit("ADU") @Alias("SATUR_LEVEL") @DefaultValue("50000")
        @Description("Level at which pixels saturate (such sources are flagged 4).")
        Double saturationLevel,

        @NotNull @DecimalMin("-100") @DecimalMax("100")
        @Unit("mag") @Alias("MAG_ZEROPOINT") @DefaultValue("0")
        @Description("Magnitude zero point: MAG = zero point - 2.5 log10(FLUX).")
        Double magZeropoint,

        @NotNull
        @DefaultValue("\"asinh\"")
        @Choices({"asinh", "zscale"})
        @Description("Stretch of the PNG preview: asinh (shows faint and bright sources) or zscale (IRAF's, shows the noise).")
        String previewStretch,

        @NotNull @Min(0) @Max(100_000)
        @DefaultValue("1000")
        @Description("Most sources listed in the job result (the brightest); sources.json and sources.csv always hold all.")
        Integer resultLimit) {
}
