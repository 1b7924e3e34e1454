package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plinth.api.Result;

/** FUBAR: pervasive selection per site by a Bayesian grid over (alpha, beta); fast. */
@ApplicationScoped
public class FubarApp extends HyphyApp<FubarInputs> {

    /** FUBAR keeps its fitted grid here; in the workspace, never next to the staged (read-only) input. */
    static final String CACHE = "FUBAR.cache";

    public FubarApp() {
        super("fubar", "FUBAR", "Fast Unconstrained Bayesian AppRoximation (HyPhy): posterior probabilities of "
                + "pervasive diversifying and purifying selection at each site from a grid of rates. "
                + "Much faster than FEL on large alignments.");
    }

    @Override
    public Class<FubarInputs> inputType() {
        return FubarInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, FubarInputs in) {
        c.keyword("cache", CACHE).keyword("grid", in.grid()).keyword("method", in.method());
        // FUBAR asks for the chain settings only for the MCMC methods; an unasked keyword is never read
        if (in.method().equals("Metropolis-Hastings")) {
            c.keyword("chains", in.chains());
        }
        if (!in.method().equals("Variational-Bayes")) {
            c.keyword("chain-length", in.chainLength()).keywordIfSet("burn-in", in.burnIn())
                    .keyword("samples", in.samples());
        }
        c.keyword("concentration_parameter", Numbers.plain(in.concentration())).yesNo("non-zero", in.nonZero());
    }

    @Override
    Result summarize(JsonObject json, FubarInputs in) {
        return selection(json, in.posterior()).toResult(header(json), "FUBAR", true);
    }

    /** FUBAR's rule: Prob[alpha<beta] ≥ threshold is positive, Prob[alpha>beta] ≥ threshold negative. */
    static SiteSelection selection(JsonObject json, double posterior) {
        SiteTable table = SiteTable.of(json);
        int alpha = table.column("alpha");
        int beta = table.column("beta");
        int positive = table.column("Prob[alpha<beta]");
        int negative = table.column("Prob[alpha>beta]");
        List<SelectedSite> selected = new ArrayList<>();
        for (SiteTable.Site s : table.sites()) {
            double[] v = s.values();
            if (v[positive] >= posterior) {
                selected.add(new SelectedSite(s.codon(), s.partition(), "positive", v[positive], v[alpha], v[beta]));
            } else if (v[negative] >= posterior) {
                selected.add(new SelectedSite(s.codon(), s.partition(), "negative", v[negative], v[alpha], v[beta]));
            }
        }
        return new SiteSelection("posterior", posterior, table.sites().size(), selected);
    }

    @Override
    int phases() {
        return 4;
    }
}
