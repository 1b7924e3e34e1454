package org.plinth.apps.hyphy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plinth.api.Jsons;
import org.plinth.api.Result;

/** aBSREL: which branches show episodic diversifying selection? */
@ApplicationScoped
public class AbsrelApp extends HyphyApp<AbsrelInputs> {

    public AbsrelApp() {
        super("absrel", "aBSREL", "adaptive Branch-Site Random Effects Likelihood (HyPhy): tests each "
                + "tested branch for episodic diversifying selection at a proportion of sites, with "
                + "Holm-Bonferroni corrected p-values.");
    }

    /** HyPhy's own name for the analysis and its JSON (ABSREL.json). */
    @Override
    String outputFile() {
        return "ABSREL.json";
    }

    @Override
    public Class<AbsrelInputs> inputType() {
        return AbsrelInputs.class;
    }

    @Override
    void addOptions(HyphyCommandLine c, AbsrelInputs in) {
        c.keyword("branches", in.branches()).keyword("multiple-hits", in.multipleHits()).yesNo("srv", in.srv());
        if (in.srv()) {
            c.keyword("syn-rates", in.synRates());
        }
    }

    /** One tested branch and its test. */
    record TestedBranch(String name, double correctedP, double uncorrectedP, double lrt) {
    }

    @Override
    Result summarize(JsonObject json, AbsrelInputs in) {
        List<TestedBranch> tested = tested(json);
        List<TestedBranch> selected = tested.stream().filter(b -> b.correctedP() <= in.pvalue())
                .sorted(Comparator.comparingDouble(TestedBranch::correctedP).thenComparing(TestedBranch::name)).toList();
        var branches = Jsons.createArrayBuilder();
        for (TestedBranch b : selected) {
            var o = Jsons.createObjectBuilder().add("branch", b.name());
            Numbers.add(o, "correctedPValue", b.correctedP());
            Numbers.add(o, "uncorrectedPValue", b.uncorrectedP());
            Numbers.add(o, "LRT", b.lrt());
            branches.add(o);
        }
        var data = header(json).add("statistic", "correctedPValue").add("threshold", in.pvalue())
                .add("branchesTested", tested.size()).add("branches", branches);
        String summary = "aBSREL: " + selected.size() + " of " + tested.size() + " branches under episodic "
                + "diversifying selection at corrected p ≤ " + Numbers.plain(in.pvalue())
                + (selected.isEmpty() ? "" : " (" + String.join(", ", selected.stream().map(TestedBranch::name).toList()) + ")");
        return new Result(data.build(), summary);
    }

    /** The branches HyPhy tested ({@code tested[p][branch] == "test"}) with their test results. */
    static List<TestedBranch> tested(JsonObject json) {
        List<TestedBranch> out = new ArrayList<>();
        JsonObject attributes = json.getJsonObject("branch attributes");
        JsonObject tested = json.getJsonObject("tested");
        for (String p : tested.keySet()) {
            JsonObject partition = attributes.getJsonObject(p);
            tested.getJsonObject(p).forEach((branch, role) -> {
                if ("test".equals(((jakarta.json.JsonString) role).getString()) && partition.containsKey(branch)) {
                    JsonObject b = partition.getJsonObject(branch);
                    out.add(new TestedBranch(branch, TestVerdict.number(b, "Corrected P-value"),
                            TestVerdict.number(b, "Uncorrected P-value"), TestVerdict.number(b, "LRT")));
                }
            });
        }
        return out;
    }
}
