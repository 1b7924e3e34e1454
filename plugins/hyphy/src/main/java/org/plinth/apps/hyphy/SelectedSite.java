package org.plinth.apps.hyphy;

import jakarta.json.JsonObject;
import org.plinth.api.Jsons;

/**
 * A site a site method found under selection.
 *
 * @param codon     1-based codon position in the alignment
 * @param partition 1-based partition (1 unless the NEXUS file defines several)
 * @param selection {@code positive} (diversifying) or {@code negative} (purifying)
 * @param statistic the p-value, or for FUBAR the posterior probability
 * @param alpha     synonymous rate estimate (NaN when the method has none)
 * @param beta      non-synonymous rate estimate (for MEME the positive class's beta+)
 */
record SelectedSite(int codon, int partition, String selection, double statistic, double alpha, double beta) {

    JsonObject toJson(String statisticName) {
        var o = Jsons.createObjectBuilder().add("codon", codon).add("partition", partition)
                .add("selection", selection);
        Numbers.add(o, statisticName, statistic);
        Numbers.add(o, "alpha", alpha);
        Numbers.add(o, "beta", beta);
        return o.build();
    }
}
