package org.plinth.apps.astra;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.plinth.api.Alias;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;
import org.plinth.api.Unit;

/**
 * Inputs of the {@code astra} app: a tracking run through one cavity, one solenoid and any
 * number of quadrupoles, each input aliased to its ASTRA mnemonic. More elements, or anything
 * else ASTRA offers, go in a raw run namelist ({@code namelist}) with the files it names staged
 * by the job's {@code files} map. Only top-level inputs can be files the host stages, hence one
 * cavity and one solenoid map as inputs.
 */
public record AstraInputs(
        @InputFile @Alias("Distribution")
        @Description("The initial particles: an ASTRA particle file, e.g. job:<generator job id>/generator.ini. "
                + "Required unless the namelist names its own Distribution.")
        String particles,

        @InputFile
        @Description("A complete ASTRA run namelist (&NEWRUN, &OUTPUT, &CHARGE, &CAVITY …) for power users; when given, "
                + "the typed inputs below are ignored except particles (which replaces its Distribution) and "
                + "statisticsSlices. Files it names come in through the job's files map.")
        String namelist,

        @NotNull @Min(1) @Max(999) @Alias("RUN") @DefaultValue("1")
        @Description("Run number: the suffix .001 … of every output.")
        Integer runNumber,

        @NotNull @Size(max = 80) @Alias("Head") @DefaultValue("\"Plinth ASTRA run\"")
        @Description("Title printed in ASTRA's output.")
        String title,

        @NotNull @Unit("m") @Alias("ZSTART") @DefaultValue("0")
        @Description("Where tracking starts.")
        Double zStart,

        @NotNull @Unit("m") @Alias("ZSTOP") @DefaultValue("1.0")
        @Description("Where tracking stops.")
        Double zStop,

        @NotNull @Min(2) @Max(100_000) @Alias("Zemit") @DefaultValue("100")
        @Description("Number of rows of the emittance tables along z.")
        Integer tableRows,

        @NotNull @Min(1) @Max(1000) @Alias("Zphase") @DefaultValue("1")
        @Description("Number of particle distributions written along z (the last at zStop).")
        Integer particleDumps,

        @NotNull @Size(max = 100) @Unit("m") @Alias("Screen") @DefaultValue("[]")
        @Description("Positions of screens where the particles are also written.")
        List<@NotNull Double> screens,

        @NotNull @DecimalMin(value = "0", inclusive = false) @Unit("ns") @Alias("H_max") @DefaultValue("0.001")
        @Description("Largest time step.")
        Double maxTimeStep,

        @NotNull @DecimalMin("0") @Unit("ns") @Alias("H_min") @DefaultValue("0")
        @Description("Smallest time step.")
        Double minTimeStep,

        @NotNull @Alias("TRACK_ALL") @DefaultValue("true")
        @Description("Track all particles; false tracks only the reference particle (for phasing).")
        Boolean trackAll,

        @NotNull @Alias("AUTO_PHASE") @DefaultValue("true")
        @Description("Phases are relative to the phase of maximum energy gain.")
        Boolean autoPhase,

        @NotNull @Alias("check_ref_part") @DefaultValue("true")
        @Description("Stop when the reference particle is lost.")
        Boolean checkReferenceParticle,

        @NotNull @Alias("LSPCH") @DefaultValue("false")
        @Description("Space charge (cylindrically symmetric).")
        Boolean spaceCharge,

        @NotNull @Alias("LSPCH3D") @DefaultValue("false")
        @Description("Three-dimensional space charge instead of the cylindrical one.")
        Boolean spaceCharge3d,

        @NotNull @Min(1) @Max(1000) @Alias("Nrad") @DefaultValue("10")
        @Description("Radial grid cells of the space-charge calculation.")
        Integer radialCells,

        @NotNull @Min(1) @Max(10_000) @Alias("Nlong_in") @DefaultValue("10")
        @Description("Longitudinal grid cells of the space-charge calculation.")
        Integer longitudinalCells,

        @NotNull @Alias("Lmirror") @DefaultValue("false")
        @Description("Mirror charge at the cathode.")
        Boolean mirrorCharge,

        @InputFile @Alias("File_Efield(1)")
        @Description("Cavity field map file (z [m], Ez) as ASTRA reads it; or give cavityFieldTable.")
        String cavityFieldMap,

        @Valid
        @Description("Cavity field map inline: {\"z\": [...], \"v\": [...]}, written out as cavity-field.dat.")
        FieldTable cavityFieldTable,

        @NotNull @Unit("MV/m") @Alias("MaxE(1)") @DefaultValue("0")
        @Description("Peak on-axis electric field of the cavity.")
        Double cavityMaxField,

        @NotNull @DecimalMin("0") @Unit("GHz") @Alias("Nue(1)") @DefaultValue("1.3")
        @Description("Cavity frequency.")
        Double cavityFrequency,

        @NotNull @Unit("deg") @Alias("Phi(1)") @DefaultValue("0")
        @Description("Cavity phase (relative to maximum energy gain with autoPhase).")
        Double cavityPhase,

        @NotNull @Unit("m") @Alias("C_pos(1)") @DefaultValue("0")
        @Description("Position of the cavity field map's origin.")
        Double cavityPosition,

        @InputFile @Alias("File_Bfield(1)")
        @Description("Solenoid field map file (z [m], Bz); or give solenoidFieldTable.")
        String solenoidFieldMap,

        @Valid
        @Description("Solenoid field map inline: {\"z\": [...], \"v\": [...]}, written out as solenoid-field.dat.")
        FieldTable solenoidFieldTable,

        @NotNull @Unit("T") @Alias("MaxB(1)") @DefaultValue("0")
        @Description("Peak on-axis magnetic field of the solenoid.")
        Double solenoidMaxField,

        @NotNull @Unit("m") @Alias("S_pos(1)") @DefaultValue("0")
        @Description("Position of the solenoid field map's origin.")
        Double solenoidPosition,

        @NotNull @Size(max = 100) @DefaultValue("[]")
        @Description("Hard-edge quadrupoles (&QUADRUPOLE Q_pos, Q_length, Q_grad).")
        List<@NotNull @Valid Quadrupole> quadrupoles,

        @NotNull @Min(1) @Max(1000) @DefaultValue("10")
        @Description("Number of slices along the bunch in the result's slice statistics.")
        Integer statisticsSlices,

        @NotNull @DecimalMin("0") @DecimalMax("0.01") @Unit("relative") @DefaultValue("1.0E-6")
        @Description("The largest relative error of any number when retention stores this job's particle files (run.<z>.<run>) compact "
                + "(float32, its mantissa cut to what the bound needs), as the ASTRA web API compresses finished runs; "
                + "reading the file restores ASTRA's text. Below 6e-8 (float32's precision) it keeps float64: 0 is lossless.")
        Double compressionRelativeError) {
}
