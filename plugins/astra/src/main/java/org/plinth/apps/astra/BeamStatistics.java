package org.plinth.apps.astra;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.plinth.api.Jsons;

/**
 * What a particle file says about its beam, in ASTRA's units (those of its stdout summary and
 * tables): positions mm (z in m), energies MeV and keV, normalised emittances π mm mrad.
 * Statistics are over the beam's particles: active or at the cathode, not probes, not lost.
 */
public record BeamStatistics(
        int particles, int beamParticles, int atCathode, int probes, int lost, String species,
        double totalChargeNc,
        double meanXMm, double meanYMm, double meanZM, double meanClockNs,
        double rmsXMm, double rmsYMm, double rmsZMm, double rmsClockNs,
        double meanKineticEnergyMeV, double energySpreadKeV,
        double emittanceXNormMmMrad, double emittanceYNormMmMrad, double emittanceZKeVMm,
        double correlatedDivergenceXMrad, double correlatedDivergenceYMrad, double correlatedEnergySpreadKeV,
        String sliceAxis, List<SliceStatistics> slices) {

    public JsonObject toJson() {
        JsonObjectBuilder b = Jsons.createObjectBuilder()
                .add("particles", particles).add("beamParticles", beamParticles).add("atCathode", atCathode)
                .add("probes", probes).add("lost", lost).add("species", species);
        put(b, "totalCharge_nC", totalChargeNc);
        put(b, "meanX_mm", meanXMm);
        put(b, "meanY_mm", meanYMm);
        put(b, "meanZ_m", meanZM);
        put(b, "meanClock_ns", meanClockNs);
        put(b, "rmsX_mm", rmsXMm);
        put(b, "rmsY_mm", rmsYMm);
        put(b, "bunchLength_mm", rmsZMm);
        put(b, "rmsClock_ns", rmsClockNs);
        put(b, "meanKineticEnergy_MeV", meanKineticEnergyMeV);
        put(b, "energySpread_keV", energySpreadKeV);
        put(b, "emittanceX_norm_pi_mm_mrad", emittanceXNormMmMrad);
        put(b, "emittanceY_norm_pi_mm_mrad", emittanceYNormMmMrad);
        put(b, "emittanceZ_pi_keV_mm", emittanceZKeVMm);
        put(b, "correlatedDivergenceX_mrad", correlatedDivergenceXMrad);
        put(b, "correlatedDivergenceY_mrad", correlatedDivergenceYMrad);
        put(b, "correlatedEnergySpread_keV", correlatedEnergySpreadKeV);
        var s = Jsons.createArrayBuilder();
        slices.forEach(slice -> s.add(slice.toJson()));
        return b.add("sliceAxis", sliceAxis).add("slices", s).build();
    }

    /** JSON has no NaN: a value that cannot be computed (no particles) is left out. */
    static void put(JsonObjectBuilder b, String name, double v) {
        if (Double.isFinite(v)) {
            b.add(name, v);
        }
    }
}
