package org.plinth.apps.hyphy;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.plinth.api.Result;

/**
 * The outcome of a whole-alignment test (BUSTED, RELAX): HyPhy's {@code test results} LRT and
 * p-value, and the verdict at the chosen threshold.
 */
record TestVerdict(double lrt, double pValue, double threshold, boolean significant) {

    static TestVerdict of(JsonObject hyphyJson, double threshold) {
        JsonObject test = hyphyJson.getJsonObject("test results");
        if (test == null) {
            throw new IllegalStateException("HyPhy's JSON has no 'test results'");
        }
        double p = number(test, "p-value");
        return new TestVerdict(number(test, "LRT"), p, threshold, p <= threshold);
    }

    static double number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }

    Result toResult(jakarta.json.JsonObjectBuilder header, String verdict, String summary) {
        Numbers.add(header, "LRT", lrt);
        Numbers.add(header, "pValue", pValue);
        header.add("threshold", threshold).add("significant", significant).add("verdict", verdict);
        return new Result(header.build(), summary);
    }

}
