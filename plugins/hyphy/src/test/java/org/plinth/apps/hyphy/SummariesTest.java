package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plinth.api.Result;

/**
 * Summaries of real HyPhy 2.5.46 output (Drosophila adh, 6 × 254 codons, CPU=2). The expected
 * sites were read from the same JSON with jq, independently of this code, e.g. for FEL
 * {@code .MLE.content["0"] | to_entries[] | select(.value[4] <= 0.1)}.
 */
class SummariesTest {

    private static final String ALN = "a.fas";

    private static List<Integer> codons(List<SelectedSite> sites) {
        return sites.stream().map(SelectedSite::codon).toList();
    }

    @Test
    void felFindsTheNegativelySelectedSites() {
        SiteSelection s = FelApp.selection(Resources.json("adh-fel.json"), 0.1);
        assertEquals(254, s.sitesTested());
        assertEquals(List.of(), s.positive());
        assertEquals(List.of(9, 10, 11, 12, 15, 18, 22, 28, 29, 37, 42, 43, 54, 60, 61, 67, 70, 75, 77, 78, 88, 90,
                100, 103, 105, 106, 107, 109, 110, 112, 116, 117, 118, 120, 123, 125, 127, 131, 132, 135, 136, 139,
                141, 143, 146, 152, 155, 156, 157, 169, 171, 172, 175, 177, 180, 181, 183, 185, 186, 190, 191, 194,
                202, 203, 206, 209, 221, 222, 224, 225, 226, 230, 231, 237, 238, 243, 245), codons(s.negative()));
        SelectedSite eleven = s.negative().get(2);
        assertEquals(11, eleven.codon());
        assertEquals(0.002149583418686762, eleven.statistic());
        assertEquals(11.18726120679751, eleven.alpha());
        assertEquals(0.0, eleven.beta());
        // the same sites FEL printed in its own table ("Neg. p = 0.0021" for codon 11)

        Result r = new FelApp().summarize(Resources.json("adh-fel.json"),
                new FelInputs(ALN, null, "Universal", "All", true, 0.1, false, 0, "standard", true));
        assertEquals("FEL: 0 sites under positive and 77 under negative selection at p ≤ 0.1 (254 sites)", r.summary());
        JsonObject d = r.data();
        assertEquals("FEL", d.getString("method"));
        assertEquals(6, d.getInt("sequences"));
        assertEquals(254, d.getInt("codons"));
        assertEquals(77, d.getJsonArray("negative").size());
        assertEquals(11, d.getJsonArray("negative").getJsonObject(2).getInt("codon"));
        assertEquals(0.002149583418686762, d.getJsonArray("negative").getJsonObject(2).getJsonNumber("pValue").doubleValue());
    }

    @Test
    void fubarUsesPosteriorProbabilities() {
        SiteSelection s = FubarApp.selection(Resources.json("adh-fubar.json"), 0.9);
        assertEquals(List.of(197), codons(s.positive()));
        assertEquals(0.9115276702515662, s.positive().get(0).statistic());
        assertEquals(List.of(11, 28, 29, 37, 42, 54, 60, 61, 70, 75, 77, 78, 103, 109, 110, 123, 127, 132, 135, 136, 139,
                141, 155, 156, 158, 171, 177, 180, 185, 191, 194, 203, 206, 209, 213, 214, 221, 224, 226, 238, 243),
                codons(s.negative()));
        Result r = new FubarApp().summarize(Resources.json("adh-fubar.json"),
                new FubarInputs(ALN, null, "Universal", 20, "Variational-Bayes", 5, 2_000_000, null, 100, 0.5, false, 0.9));
        assertEquals("FUBAR: 1 site under positive and 41 under negative selection at posterior ≥ 0.9 (254 sites)", r.summary());
        assertEquals("posterior", r.data().getString("statistic"));
    }

    @Test
    void slacTakesTheSmallerOfResolvedAndAveraged() {
        assertEquals(List.of(), SlacApp.selection(Resources.json("adh-slac.json"), 0.1).sites());
        SiteSelection s = SlacApp.selection(Resources.json("adh-slac.json"), 0.12);
        assertEquals(List.of(11, 42, 139, 156, 243), codons(s.negative()));
        assertEquals(0.111111111111111, s.negative().get(0).statistic(), 1e-15);
    }

    @Test
    void memeReportsEpisodicPositiveSitesOnly() {
        Result r = new MemeApp().summarize(Resources.json("adh-meme.json"), new MemeInputs(ALN, null, "Universal", "All", 0.1, 0, true));
        assertEquals("MEME: 1 site under positive selection at p ≤ 0.1 (254 sites)", r.summary());
        JsonObject site = r.data().getJsonArray("positive").getJsonObject(0);
        assertEquals(26, site.getInt("codon"));
        assertEquals(0.0828711338841478, site.getJsonNumber("pValue").doubleValue());
        assertFalse(r.data().containsKey("negative"));
    }

    @Test
    void absrelListsBranchesWithCorrectedPValues() {
        Result r = new AbsrelApp().summarize(Resources.json("adh-absrel.json"),
                new AbsrelInputs(ALN, null, "Universal", "All", "None", false, 3, 0.05));
        assertEquals("aBSREL: 0 of 9 branches under episodic diversifying selection at corrected p ≤ 0.05", r.summary());
        assertEquals(9, r.data().getInt("branchesTested"));
        // every branch has corrected p = 1 here; a lax threshold lists all of them, best first then by name
        Result all = new AbsrelApp().summarize(Resources.json("adh-absrel.json"),
                new AbsrelInputs(ALN, null, "Universal", "All", "None", false, 3, 1.0));
        assertEquals("AFF", all.data().getJsonArray("branches").getJsonObject(0).getString("branch"));
        assertEquals(1.0, all.data().getJsonArray("branches").getJsonObject(0).getJsonNumber("correctedPValue").doubleValue());
    }

    @Test
    void bustedVerdict() {
        Result r = new BustedApp().summarize(Resources.json("adh-busted.json"),
                new BustedInputs(ALN, null, "Universal", "All", "Yes", 3, 3, "None", 250, 1, 0.05));
        assertEquals("BUSTED: no evidence of episodic diversifying selection (p = 0.500, threshold 0.05)", r.summary());
        assertEquals(0.5, r.data().getJsonNumber("pValue").doubleValue());
        assertFalse(r.data().getBoolean("significant"));
    }

    @Test
    void relaxVerdictSaysWhichWay() {
        Result r = new RelaxApp().summarize(Resources.json("adh-relax.json"),
                new RelaxInputs(ALN, null, "Universal", "Test", "Unlabeled branches", "Minimal", 3, "No", 3, "None", 250, 1, 0.05));
        assertEquals("RELAX: evidence of selection relaxation on the test branches (K = 0.0677, p = 0.0179, threshold 0.05)", r.summary());
        assertTrue(r.data().getBoolean("significant"));
        assertEquals(0.01785235172456723, r.data().getJsonNumber("pValue").doubleValue());
        assertEquals(0.06774530387487974, r.data().getJsonNumber("K").doubleValue());
    }
}
