package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import org.plinth.api.Result;

/** RELAX: is selection relaxed or intensified on the test branches against the reference? */
@ApplicationScoped
public class RelaxApp extends HyphyApp<RelaxInputs> {

    public RelaxApp() {
        super("relax", "RELAX", "RELAX (HyPhy): tests whether the strength of natural selection has been "
                + "relaxed (K < 1) or intensified (K > 1) on a test set of branches, labelled in the tree "
                + "(for example {Test}), relative to a reference set.");
    }

    @Override
    public Class<RelaxInputs> inputType() {
        return RelaxInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, RelaxInputs in) {
        // Without --test HyPhy prompts for the test set and, stdin closed, never ends.
        c.keyword("mode", "Classic mode").keyword("test", in.test()).keyword("reference", in.reference())
                .keyword("models", in.models()).keyword("rates", in.rates()).keyword("srv", in.srv());
        if (!in.srv().equals("No")) {
            c.keyword("syn-rates", in.synRates());
        }
        c.keyword("multiple-hits", in.multipleHits()).keyword("grid-size", in.gridSize())
                .keyword("starting-points", in.startingPoints());
    }

    @Override
    Result summarize(JsonObject json, RelaxInputs in) {
        TestVerdict test = TestVerdict.of(json, in.pvalue());
        double k = TestVerdict.number(json.getJsonObject("test results"), "relaxation or intensification parameter");
        String direction = k > 1 ? "intensification" : "relaxation";
        String verdict = test.significant()
                ? "evidence of selection " + direction + " on the test branches"
                : "no significant evidence of relaxation or intensification";
        var header = header(json);
        Numbers.add(header, "K", k);
        return test.toResult(header, verdict, "RELAX: " + verdict + " (K = " + Numbers.format(k) + ", p = "
                + Numbers.format(test.pValue()) + ", threshold " + Numbers.plain(in.pvalue()) + ")");
    }
}
