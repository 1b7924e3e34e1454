package org.plinth.apps.astra;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.plinth.api.Jsons;

/**
 * One slice of a bunch cut along z (or along the clock while the bunch is still at the
 * cathode, where every z is the same).
 *
 * @param centre    the slice's centre relative to the bunch's mean: mm along z, ns along the clock
 * @param currentA  the slice's charge over the time it takes to pass (its length over βc)
 */
public record SliceStatistics(int index, double centre, int particles, double chargeNc, double currentA,
                              double rmsXMm, double rmsYMm, double emittanceXNormMmMrad, double emittanceYNormMmMrad,
                              double meanKineticEnergyMeV, double energySpreadKeV) {

    public JsonObject toJson() {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("index", index).add("particles", particles);
        BeamStatistics.put(b, "centre", centre);
        BeamStatistics.put(b, "charge_nC", chargeNc);
        BeamStatistics.put(b, "current_A", currentA);
        BeamStatistics.put(b, "rmsX_mm", rmsXMm);
        BeamStatistics.put(b, "rmsY_mm", rmsYMm);
        BeamStatistics.put(b, "emittanceX_norm_pi_mm_mrad", emittanceXNormMmMrad);
        BeamStatistics.put(b, "emittanceY_norm_pi_mm_mrad", emittanceYNormMmMrad);
        BeamStatistics.put(b, "meanKineticEnergy_MeV", meanKineticEnergyMeV);
        BeamStatistics.put(b, "energySpread_keV", energySpreadKeV);
        return b.build();
    }
}
