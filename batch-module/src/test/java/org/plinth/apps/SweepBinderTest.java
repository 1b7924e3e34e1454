package org.plinth.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.Validation;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plinth.jobs.sweep.Sweep;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

class SweepBinderTest {

    private final SweepBinder binder = new SweepBinder(new InputBinder(Validation.buildDefaultValidatorFactory().getValidator()), 100);

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private Sweep bind(String sweep, String inputs) {
        return binder.bind(SampleInputs.class, json(sweep), InputBinder.canonical(SampleInputs.class, json(inputs)));
    }

    private Map<String, String> errors(String sweep, String inputs) {
        return assertThrows(ProblemException.class, () -> bind(sweep, inputs)).errors().stream()
                .collect(Collectors.toMap(FieldError::field, FieldError::reason));
    }

    @Test
    void listsAndRangesMakeEveryCombinationTheFirstAxisSlowest() {
        Sweep s = bind("{\"Q_total\": {\"from\": 0.1, \"to\": 1.0, \"steps\": 10}, \"distribution\": [\"gauss\", \"uniform\"]}",
                "{\"particles\": 100}");
        assertEquals(List.of("charge", "distribution"), s.inputs(), "the alias is stored under the input's name");
        assertEquals(20, s.points());
        assertEquals("[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]",
                s.axes().get(0).values().toString().replace("\"", ""), "decimal steps: 0.3, not 0.30000000000000004");
        assertEquals(json("{\"charge\": 0.1, \"distribution\": \"gauss\"}"), s.valuesAt(1));
        assertEquals(json("{\"charge\": 0.1, \"distribution\": \"uniform\"}"), s.valuesAt(2));
        assertEquals(json("{\"charge\": 1, \"distribution\": \"uniform\"}"), s.valuesAt(20));
        assertEquals(json("{\"particles\": 100, \"charge\": 0.3, \"distribution\": \"gauss\"}"),
                s.inputsAt(json("{\"particles\": 100}"), 5));
        assertEquals("points/01", s.folder(1));
        assertEquals("points/20", s.folder(20));
        assertEquals(s, Sweep.fromJson(s.toJson().toString()), "the stored form gives the same points back");
    }

    @Test
    void aWholeNumberInputTakesAWholeRangeAndARequiredInputMayBeTheSweptOne() {
        Sweep s = bind("{\"Ipart\": {\"from\": 1000, \"to\": 10000, \"steps\": 10}}", "{}");
        assertEquals("[1000,2000,3000,4000,5000,6000,7000,8000,9000,10000]", s.toJson().getJsonArray("particles").toString());
        assertEquals(1, bind("{\"particles\": {\"from\": 7, \"to\": 9, \"steps\": 1}}", "{}").points());
    }

    @Test
    void eachBadPartIsNamed() {
        Map<String, String> e = errors("{\"nope\": [1], \"distribution\": {\"from\": 0, \"to\": 1, \"steps\": 2}, "
                + "\"charge\": [1, \"two\", -3], \"species\": \"ELECTRONS\"}", "{\"particles\": 10}");
        assertTrue(e.get("sweep.nope").startsWith("unknown input; known inputs are [particles, charge"), e.toString());
        assertTrue(e.get("sweep.distribution").contains("a range needs a numeric input"), e.toString());
        assertTrue(e.get("sweep.species").startsWith("must be a list of values or a range"), e.toString());
        assertEquals(3, e.size(), "the values are checked once the axes are well formed: " + e);

        e = errors("{\"charge\": [1, \"two\", -3]}", "{\"particles\": 10}");
        assertEquals("must be a number", e.get("sweep.charge[1]"), e.toString());
        assertTrue(e.containsKey("sweep.charge[2]"), "Bean Validation refuses a negative charge: " + e);
        assertEquals(2, e.size(), e.toString());

        e = errors("{\"particles\": {\"from\": 1, \"to\": 2, \"steps\": 3}}", "{}");
        assertTrue(e.get("sweep.particles").contains("gives 1.5, not a whole number"), e.toString());
        e = errors("{\"particles\": {\"from\": 1, \"step\": 3}}", "{}");
        assertEquals(Map.of("sweep.particles.step", "unknown field of a range; its fields are from, to, steps",
                "sweep.particles.to", "is required", "sweep.particles.steps", "is required"), e);
        e = errors("{\"charge\": {\"from\": 1, \"to\": 2, \"steps\": 0}}", "{\"particles\": 1}");
        assertEquals("must be a whole number of at least 1", e.get("sweep.charge.steps"));
        e = errors("{\"charge\": []}", "{\"particles\": 1}");
        assertEquals("lists no value", e.get("sweep.charge"));
        e = errors("{}", "{\"particles\": 1}");
        assertTrue(e.get("sweep").startsWith("names no input"), e.toString());
        e = errors("{\"charge\": [1, 2]}", "{\"particles\": 1, \"Q_total\": 3}");
        assertEquals("also given in inputs; give it in one place", e.get("sweep.charge"));
        e = errors("{\"charge\": [1], \"Q_total\": [2]}", "{\"particles\": 1}");
        assertEquals("given twice (by name and by alias)", e.get("sweep.Q_total"));
    }

    @Test
    void tooManyPointsAreRefusedBeforeAnyIsChecked() {
        Map<String, String> e = errors("{\"charge\": {\"from\": 1, \"to\": 2, \"steps\": 11}, "
                + "\"particles\": {\"from\": 1, \"to\": 10, \"steps\": 10}}", "{}");
        assertEquals("110 points (11 × 10); at most 100 (plinth.sweeps.max-points)", e.get("sweep"));
        e = errors("{\"charge\": {\"from\": 1, \"to\": 2, \"steps\": 1000000000000}}", "{\"particles\": 1}");
        assertTrue(e.get("sweep.charge.steps").contains("at most 100"), e.toString());
    }
}
