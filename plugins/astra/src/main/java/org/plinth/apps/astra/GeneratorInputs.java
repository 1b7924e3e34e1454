package org.plinth.apps.astra;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;
import org.plinth.api.Unit;

/**
 * Inputs of the {@code generator} app: human names, each aliased to its mnemonic in ASTRA's
 * generator {@code &INPUT} so a request may use either. The defaults are those of the ASTRA web
 * API's example generator input (10,000 electrons, 1 nC, 2 MeV, Gaussian in all six dimensions).
 */
public record GeneratorInputs(
        @NotNull @DefaultValue("\"native\"") @Choices({"native", "astra"})
        @Description("native: drawn in Java, no binary needed (common shapes only); astra: ASTRA's own generator binary.")
        String engine,

        @InputFile
        @Description("A complete generator &INPUT namelist (an uploaded file's id or job:<id>/<path>); when given, the "
                + "other inputs are ignored except engine, seed and statisticsSlices, and FNAME is set to generator.ini.")
        String namelist,

        @NotNull @Min(1) @Max(10_000_000) @Alias("IPart") @DefaultValue("10000")
        @Description("Number of macro-particles, the reference particle and the probes included.")
        Integer particleCount,

        @NotNull @Alias("Species") @DefaultValue("\"electrons\"") @Choices({"electrons", "positrons", "protons", "hydrogen"})
        @Description("Particle species.")
        String species,

        @NotNull @DecimalMin("0") @Unit("nC") @Alias("Q_total") @DefaultValue("1.0")
        @Description("Total bunch charge (its magnitude; the sign follows the species).")
        Double totalCharge,

        @NotNull @DecimalMin("0") @Unit("MeV") @Alias("Ref_Ekin") @DefaultValue("2.0")
        @Description("Kinetic energy of the reference particle.")
        Double referenceEnergy,

        @NotNull @Unit("m") @Alias("Ref_zpos") @DefaultValue("0")
        @Description("Longitudinal position of the reference particle.")
        Double referencePosition,

        @NotNull @Unit("ns") @Alias("Ref_clock") @DefaultValue("0")
        @Description("Time of the reference particle.")
        Double referenceTime,

        @NotNull @Alias("Cathode") @DefaultValue("false")
        @Description("Emission from a cathode: the bunch is spread in time (emissionTime, plateauDuration) at one z.")
        Boolean cathode,

        @NotNull @Alias("Probe") @DefaultValue("false")
        @Description("Add ASTRA's six trajectory probe particles.")
        Boolean probeParticles,

        @NotNull @Alias("Noise_reduc") @DefaultValue("false")
        @Description("Quasi-random (Hammersley) sampling; ASTRA engine only, the native engine ignores it.")
        Boolean noiseReduction,

        @NotNull @Alias("High_res") @DefaultValue("true")
        @Description("Write the particle file with 12 significant digits (E20.12) instead of 4 (E12.4).")
        Boolean highResolution,

        @NotNull @Alias("Dist_x") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola", "radial"})
        @Description("Horizontal shape; radial is uniform over an x-y disk (ASTRA's 'r').")
        String horizontalDistribution,

        @NotNull @PositiveOrZero @Unit("mm") @Alias("sig_x") @DefaultValue("0.75")
        @Description("Horizontal rms beam size.")
        Double horizontalSize,

        @NotNull @PositiveOrZero @Unit("sigma") @Alias("C_sig_x") @DefaultValue("0")
        @Description("Cut of a Gaussian horizontal shape, in sigmas; 0 for none.")
        Double horizontalCut,

        @NotNull @Alias("Dist_y") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola", "radial"})
        @Description("Vertical shape.")
        String verticalDistribution,

        @NotNull @PositiveOrZero @Unit("mm") @Alias("sig_y") @DefaultValue("0.75")
        @Description("Vertical rms beam size.")
        Double verticalSize,

        @NotNull @PositiveOrZero @Unit("sigma") @Alias("C_sig_y") @DefaultValue("0")
        @Description("Cut of a Gaussian vertical shape, in sigmas; 0 for none.")
        Double verticalCut,

        @NotNull @Alias("Dist_px") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola"})
        @Description("Shape of the horizontal momentum distribution.")
        String horizontalMomentumDistribution,

        @NotNull @PositiveOrZero @Unit("pi mm mrad") @Alias("Nemit_x") @DefaultValue("1.0")
        @Description("Horizontal normalised rms emittance; 0 to give horizontalMomentumSpread instead.")
        Double horizontalEmittance,

        @NotNull @PositiveOrZero @Unit("eV/c") @Alias("sig_px") @DefaultValue("0")
        @Description("Horizontal rms momentum spread, used when horizontalEmittance is 0 (thermal emission).")
        Double horizontalMomentumSpread,

        @NotNull @Unit("mrad") @Alias("cor_px") @DefaultValue("0")
        @Description("Correlated horizontal divergence: px gains cor_px·(x/σx)·p (a focusing or defocusing beam).")
        Double horizontalCorrelatedDivergence,

        @NotNull @Alias("Dist_py") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola"})
        @Description("Shape of the vertical momentum distribution.")
        String verticalMomentumDistribution,

        @NotNull @PositiveOrZero @Unit("pi mm mrad") @Alias("Nemit_y") @DefaultValue("1.0")
        @Description("Vertical normalised rms emittance; 0 to give verticalMomentumSpread instead.")
        Double verticalEmittance,

        @NotNull @PositiveOrZero @Unit("eV/c") @Alias("sig_py") @DefaultValue("0")
        @Description("Vertical rms momentum spread, used when verticalEmittance is 0.")
        Double verticalMomentumSpread,

        @NotNull @Unit("mrad") @Alias("cor_py") @DefaultValue("0")
        @Description("Correlated vertical divergence.")
        Double verticalCorrelatedDivergence,

        @NotNull @Alias("Dist_z") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola", "plateau"})
        @Description("Longitudinal shape (in z, or in time at a cathode); plateau is a flat top with linear edges.")
        String longitudinalDistribution,

        @NotNull @PositiveOrZero @Unit("mm") @Alias("sig_z") @DefaultValue("1.0")
        @Description("rms bunch length (no cathode).")
        Double bunchLength,

        @NotNull @PositiveOrZero @Unit("sigma") @Alias("C_sig_z") @DefaultValue("0")
        @Description("Cut of a Gaussian longitudinal shape, in sigmas; 0 for none.")
        Double bunchLengthCut,

        @NotNull @PositiveOrZero @Unit("ns") @Alias("sig_clock") @DefaultValue("0.001")
        @Description("rms emission time (cathode).")
        Double emissionTime,

        @NotNull @PositiveOrZero @Unit("sigma") @Alias("C_sig_clock") @DefaultValue("0")
        @Description("Cut of a Gaussian emission time, in sigmas; 0 for none.")
        Double emissionTimeCut,

        @NotNull @PositiveOrZero @Unit("mm") @Alias("Lz") @DefaultValue("0")
        @Description("Plateau: full width at half maximum along z (no cathode).")
        Double plateauLength,

        @NotNull @PositiveOrZero @Unit("mm") @Alias("rz") @DefaultValue("0")
        @Description("Plateau: width of each edge along z.")
        Double plateauRise,

        @NotNull @PositiveOrZero @Unit("ns") @Alias("Lt") @DefaultValue("0")
        @Description("Plateau: full width at half maximum in time (cathode).")
        Double plateauDuration,

        @NotNull @PositiveOrZero @Unit("ns") @Alias("rt") @DefaultValue("0")
        @Description("Plateau: rise time of each edge (cathode).")
        Double plateauRiseTime,

        @NotNull @Alias("Dist_pz") @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform", "inverted-parabola"})
        @Description("Shape of the uncorrelated energy distribution.")
        String energyDistribution,

        @NotNull @PositiveOrZero @Unit("keV") @Alias("sig_Ekin") @DefaultValue("1.5")
        @Description("Uncorrelated rms energy spread.")
        Double energySpread,

        @NotNull @Unit("keV") @Alias("cor_Ekin") @DefaultValue("0")
        @Description("Correlated energy spread (chirp): the energy gains cor_Ekin·(z/σz), the head (+z) more when positive.")
        Double correlatedEnergySpread,

        @Description("Seed of the native engine's random numbers, for a reproducible bunch; absent: a fresh one.")
        Long seed,

        @NotNull @Min(1) @Max(1000) @DefaultValue("10")
        @Description("Number of slices along the bunch in the result's slice statistics.")
        Integer statisticsSlices,

        @NotNull @DecimalMin("0") @DecimalMax("0.01") @Unit("relative") @DefaultValue("1.0E-6")
        @Description("The largest relative error of any number when retention stores this job's particle file (generator.ini) compact "
                + "(float32, its mantissa cut to what the bound needs), as the ASTRA web API compresses finished runs; "
                + "reading the file restores ASTRA's text. Below 6e-8 (float32's precision) it keeps float64: 0 is lossless.")
        Double compressionRelativeError) {
}
