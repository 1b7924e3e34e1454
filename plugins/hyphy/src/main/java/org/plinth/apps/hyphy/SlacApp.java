package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plinth.api.Result;

/** SLAC: counts synonymous and non-synonymous changes per site on reconstructed ancestors. */
@ApplicationScoped
public class SlacApp extends HyphyApp<SlacInputs> {

    public SlacApp() {
        super("slac", "SLAC", "Single-Likelihood Ancestor Counting (HyPhy): reconstructs ancestral codons, "
                + "counts synonymous and non-synonymous changes at each site and tests for pervasive "
                + "diversifying or purifying selection. Fast; suited to large alignments.");
    }

    @Override
    public Class<SlacInputs> inputType() {
        return SlacInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, SlacInputs in) {
        c.keyword("branches", in.branches()).keyword("samples", in.samples()).keyword("pvalue", Numbers.plain(in.pvalue()));
    }

    @Override
    Result summarize(JsonObject json, SlacInputs in) {
        return selection(json, in.pvalue()).toResult(header(json), "SLAC", true);
    }

    /**
     * SLAC's rule (SLAC.bf): a site's p-value for each direction is the smaller of the one from
     * the most likely ancestors (RESOLVED) and the one averaged over ancestral samples (AVERAGED);
     * negative selection is checked first.
     */
    static SiteSelection selection(JsonObject json, double pvalue) {
        JsonObject mle = json.getJsonObject("MLE");
        JsonObject content = mle.getJsonObject("content");
        var resolved = org.plinth.api.Jsons.createObjectBuilder();
        var averaged = org.plinth.api.Jsons.createObjectBuilder();
        content.forEach((p, v) -> {
            JsonObject bySite = v.asJsonObject().getJsonObject("by-site");
            resolved.add(p, bySite.getJsonArray("RESOLVED"));
            averaged.add(p, bySite.getJsonArray("AVERAGED"));
        });
        SiteTable res = SiteTable.of(json, mle.getJsonArray("headers"), resolved.build());
        SiteTable avg = SiteTable.of(json, mle.getJsonArray("headers"), averaged.build());
        int pos = res.column("P [dN/dS > 1]");
        int neg = res.column("P [dN/dS < 1]");
        int dS = res.column("dS");
        int dN = res.column("dN");
        List<SelectedSite> selected = new ArrayList<>();
        for (int i = 0; i < res.sites().size(); i++) {
            SiteTable.Site r = res.sites().get(i);
            double[] a = avg.sites().get(i).values();
            double[] v = r.values();
            double pPositive = Math.min(v[pos], a[pos]);
            double pNegative = Math.min(v[neg], a[neg]);
            if (pNegative <= pvalue) {
                selected.add(new SelectedSite(r.codon(), r.partition(), "negative", pNegative, v[dS], v[dN]));
            } else if (pPositive <= pvalue) {
                selected.add(new SelectedSite(r.codon(), r.partition(), "positive", pPositive, v[dS], v[dN]));
            }
        }
        return new SiteSelection("pValue", pvalue, res.sites().size(), selected);
    }
}
