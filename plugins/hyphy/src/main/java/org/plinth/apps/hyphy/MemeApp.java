package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plinth.api.Result;

/** MEME: episodic diversifying selection at individual sites, on a subset of branches. */
@ApplicationScoped
public class MemeApp extends HyphyApp<MemeInputs> {

    public MemeApp() {
        super("meme", "MEME", "Mixed Effects Model of Evolution (HyPhy): finds sites under episodic "
                + "diversifying selection, which may act on only some branches, by a mixture of a "
                + "neutral/negative and a positive non-synonymous rate at each site.");
    }

    @Override
    public Class<MemeInputs> inputType() {
        return MemeInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, MemeInputs in) {
        c.keyword("branches", in.branches()).keyword("pvalue", Numbers.plain(in.pvalue()))
                .keyword("resample", in.resample()).yesNo("full-model", in.fullModel());
    }

    @Override
    Result summarize(JsonObject json, MemeInputs in) {
        return selection(json, in.pvalue()).toResult(header(json), "MEME", false);
    }

    /** MEME's rule: p ≤ threshold means episodic positive selection; it reports no negative sites. */
    static SiteSelection selection(JsonObject json, double pvalue) {
        SiteTable table = SiteTable.of(json);
        int alpha = table.column("&alpha;");
        int betaPlus = table.column("&beta;<sup>+</sup>");
        int p = table.column("p-value");
        List<SelectedSite> selected = new ArrayList<>();
        for (SiteTable.Site s : table.sites()) {
            double[] v = s.values();
            if (v[p] <= pvalue) {
                selected.add(new SelectedSite(s.codon(), s.partition(), "positive", v[p], v[alpha], v[betaPlus]));
            }
        }
        return new SiteSelection("pValue", pvalue, table.sites().size(), selected);
    }
}
