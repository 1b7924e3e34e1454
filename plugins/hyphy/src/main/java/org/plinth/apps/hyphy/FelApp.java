package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plinth.api.Result;

/** FEL: pervasive selection per site, by a likelihood ratio test of beta against alpha. */
@ApplicationScoped
public class FelApp extends HyphyApp<FelInputs> {

    public FelApp() {
        super("fel", "FEL", "Fixed Effects Likelihood (HyPhy): estimates site-wise synonymous (alpha) and "
                + "non-synonymous (beta) rates and tests beta ≠ alpha at each site, finding pervasive "
                + "diversifying or purifying selection. Needs an in-frame codon alignment and a tree.");
    }

    @Override
    public Class<FelInputs> inputType() {
        return FelInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, FelInputs in) {
        c.keyword("branches", in.branches()).yesNo("srv", in.srv()).keyword("pvalue", Numbers.plain(in.pvalue()))
                .yesNo("ci", in.ci()).keyword("resample", in.resample()).keyword("precision", in.precision())
                .yesNo("full-model", in.fullModel());
    }

    @Override
    Result summarize(JsonObject json, FelInputs in) {
        return selection(json, in.pvalue()).toResult(header(json), "FEL", true);
    }

    /** FEL's rule: p ≤ threshold, positive when beta > alpha, negative when beta < alpha. */
    static SiteSelection selection(JsonObject json, double pvalue) {
        SiteTable table = SiteTable.of(json);
        int alpha = table.column("alpha");
        int beta = table.column("beta");
        int p = table.column("p-value");
        List<SelectedSite> selected = new ArrayList<>();
        for (SiteTable.Site s : table.sites()) {
            double[] v = s.values();
            if (v[p] <= pvalue && v[alpha] != v[beta]) {
                selected.add(new SelectedSite(s.codon(), s.partition(), v[beta] > v[alpha] ? "positive" : "negative",
                        v[p], v[alpha], v[beta]));
            }
        }
        return new SiteSelection("pValue", pvalue, table.sites().size(), selected);
    }

    @Override
    int phases() {
        return 5;
    }
}
