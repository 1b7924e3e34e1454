package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import org.plinth.api.Result;

/** BUSTED: is there episodic diversifying selection anywhere on the tested branches? */
@ApplicationScoped
public class BustedApp extends HyphyApp<BustedInputs> {

    public BustedApp() {
        super("busted", "BUSTED", "Branch-site Unrestricted Statistical Test for Episodic Diversification "
                + "(HyPhy): tests whether a gene has experienced positive selection at at least one site on "
                + "at least one of the tested branches.");
    }

    @Override
    public Class<BustedInputs> inputType() {
        return BustedInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, BustedInputs in) {
        c.keyword("branches", in.branches()).keyword("srv", in.srv()).keyword("rates", in.rates())
                .keyword("multiple-hits", in.multipleHits());
        // BUSTED asks for alpha classes only when synonymous rates vary
        if (!in.srv().equals("No")) {
            c.keyword("syn-rates", in.synRates());
        }
        c.keyword("grid-size", in.gridSize()).keyword("starting-points", in.startingPoints());
    }

    @Override
    Result summarize(JsonObject json, BustedInputs in) {
        TestVerdict test = TestVerdict.of(json, in.pvalue());
        String verdict = test.significant()
                ? "evidence of episodic diversifying selection"
                : "no evidence of episodic diversifying selection";
        return test.toResult(header(json), verdict, "BUSTED: " + verdict + " (p = " + Numbers.format(test.pValue())
                + ", threshold " + Numbers.plain(in.pvalue()) + ")");
    }
}
