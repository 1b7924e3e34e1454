package org.plinth.apps.astra;

/**
 * The generator's {@code &INPUT} namelist from the typed inputs: the mnemonic of each input is
 * its {@link org.plinth.api.Alias}, and the human choices become ASTRA's values.
 */
public final class GeneratorNamelist {

    /** The particle file the generator writes: FNAME. */
    public static final String OUTPUT = "generator.ini";

    private GeneratorNamelist() {
    }

    public static Namelist from(GeneratorInputs in) throws Shape.UnsupportedShapeException {
        return new Namelist("INPUT")
                .set("FNAME", OUTPUT)
                .set("Add", false)
                .set("IPart", (long) in.particleCount())
                .set("Species", in.species())
                .set("Probe", in.probeParticles())
                .set("Noise_reduc", in.noiseReduction())
                .set("Cathode", in.cathode())
                .set("High_res", in.highResolution())
                .set("Q_total", in.totalCharge())
                .set("Ref_zpos", in.referencePosition())
                .set("Ref_clock", in.referenceTime())
                .set("Ref_Ekin", in.referenceEnergy())
                .set("Dist_x", shape(in.horizontalDistribution(), "Dist_x"))
                .set("sig_x", in.horizontalSize())
                .set("C_sig_x", in.horizontalCut())
                .set("Dist_px", shape(in.horizontalMomentumDistribution(), "Dist_px"))
                .set("Nemit_x", in.horizontalEmittance())
                .set("sig_px", in.horizontalMomentumSpread())
                .set("cor_px", in.horizontalCorrelatedDivergence())
                .set("Dist_y", shape(in.verticalDistribution(), "Dist_y"))
                .set("sig_y", in.verticalSize())
                .set("C_sig_y", in.verticalCut())
                .set("Dist_py", shape(in.verticalMomentumDistribution(), "Dist_py"))
                .set("Nemit_y", in.verticalEmittance())
                .set("sig_py", in.verticalMomentumSpread())
                .set("cor_py", in.verticalCorrelatedDivergence())
                .set("Dist_z", shape(in.longitudinalDistribution(), "Dist_z"))
                .set("sig_z", in.bunchLength())
                .set("C_sig_z", in.bunchLengthCut())
                .set("sig_clock", in.emissionTime())
                .set("C_sig_clock", in.emissionTimeCut())
                .set("Lz", in.plateauLength())
                .set("rz", in.plateauRise())
                .set("Lt", in.plateauDuration())
                .set("rt", in.plateauRiseTime())
                .set("Dist_pz", shape(in.energyDistribution(), "Dist_pz"))
                .set("sig_Ekin", in.energySpread())
                .set("cor_Ekin", in.correlatedEnergySpread());
    }

    private static String shape(String human, String variable) throws Shape.UnsupportedShapeException {
        return Shape.of(human, variable).astraValue();
    }
}
