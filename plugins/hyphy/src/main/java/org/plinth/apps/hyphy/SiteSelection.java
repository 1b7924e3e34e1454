package org.plinth.apps.hyphy;

import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.List;
import org.plinth.api.Jsons;
import org.plinth.api.Result;

/**
 * The result of a site method: the sites under positive and negative selection at the chosen
 * threshold, in codon order.
 *
 * @param statistic  what decides ({@code pValue}, or {@code posterior} for FUBAR)
 * @param threshold  p ≤ threshold, or posterior ≥ threshold
 * @param sitesTested how many sites the method looked at
 */
record SiteSelection(String statistic, double threshold, int sitesTested, List<SelectedSite> sites) {

    SiteSelection {
        sites = sites.stream().sorted(Comparator.comparingInt(SelectedSite::partition)
                .thenComparingInt(SelectedSite::codon)).toList();
    }

    List<SelectedSite> positive() {
        return sites.stream().filter(s -> s.selection().equals("positive")).toList();
    }

    List<SelectedSite> negative() {
        return sites.stream().filter(s -> s.selection().equals("negative")).toList();
    }

    Result toResult(JsonObjectBuilder header, String method, boolean reportsNegative) {
        var positive = Jsons.createArrayBuilder();
        positive().forEach(s -> positive.add(s.toJson(statistic)));
        header.add("statistic", statistic).add("threshold", threshold).add("sitesTested", sitesTested)
                .add("positive", positive);
        String rule = statistic.equals("posterior") ? "posterior ≥ " : "p ≤ ";
        String summary = method + ": " + count(positive().size()) + " under positive";
        if (reportsNegative) {
            var negative = Jsons.createArrayBuilder();
            negative().forEach(s -> negative.add(s.toJson(statistic)));
            header.add("negative", negative);
            summary += " and " + negative().size() + " under negative";
        }
        summary += " selection at " + rule + Numbers.plain(threshold) + " (" + sitesTested + " sites)";
        return new Result(header.build(), summary);
    }

    private static String count(int n) {
        return n + (n == 1 ? " site" : " sites");
    }
}
