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
import org.junit.jupiter.api.Test;
import org.plinth.apps.script.ScriptInputs;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

class InputBinderTest {

    private final InputBinder binder = new InputBinder(Validation.buildDefaultValidatorFactory().getValidator());

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private List<FieldError> errors(String text) {
        return assertThrows(ProblemException.class, () -> binder.bind(SampleInputs.class, json(text), "inputs")).errors();
    }

    @Test
    void fillsDefaultsAndAcceptsAliases() {
        SampleInputs in = binder.bind(SampleInputs.class, json("{\"Ipart\": 500, \"positions\": [1, 2.5]}"), "inputs");
        assertEquals(500, in.particles());
        assertEquals(1.0, in.charge());
        assertEquals("gauss", in.distribution());
        assertEquals(SampleInputs.Species.ELECTRONS, in.species());
        assertEquals(List.of(1.0, 2.5), in.positions());
        assertEquals(null, in.verbose());
    }

    @Test
    void namesEveryWrongField() {
        List<FieldError> errors = errors("{\"particles\": \"many\", \"charge\": true, \"distribution\": \"flat\","
                + " \"species\": \"MUONS\", \"bogus\": 1}");
        assertEquals(List.of("inputs.bogus", "inputs.charge", "inputs.distribution", "inputs.particles", "inputs.species"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).reason().startsWith("unknown input"));
        assertEquals("must be a whole number", errors.get(3).reason());
        assertEquals("must be one of [gauss, uniform]", errors.get(2).reason());
    }

    @Test
    void missingRequiredAndOutOfRange() {
        assertEquals(List.of(new FieldError("inputs.particles", "is required")), errors("{}"));
        List<FieldError> range = errors("{\"particles\": 0, \"charge\": -1}");
        assertEquals(List.of("inputs.charge", "inputs.particles"), range.stream().map(FieldError::field).toList());
    }

    @Test
    void refusesNumbersBeyondTheJavaType() {
        List<FieldError> errors = errors("{\"particles\": 1e30}");
        assertEquals("inputs.particles", errors.get(0).field());
        assertTrue(errors.get(0).reason().contains("between"), errors.get(0).reason());
        assertEquals("must be a whole number", errors("{\"particles\": 1.5}").get(0).reason());
    }

    @Test
    void explicitNullTakesTheDefault() {
        SampleInputs in = binder.bind(SampleInputs.class, json("{\"particles\": 1, \"charge\": null, \"verbose\": null}"), "inputs");
        assertEquals(1.0, in.charge());
        assertEquals(null, in.verbose());
    }

    @Test
    void aliasAndNameTogetherIsAnError() {
        assertEquals("given twice (by name and by alias)", errors("{\"particles\": 1, \"Ipart\": 2}").get(0).reason());
    }

    @Test
    void scriptEnvironmentNamesAreChecked() {
        ScriptInputs ok = binder.bind(ScriptInputs.class, json("{\"script\": \"true\", \"environment\": {\"A_1\": \"x\"}}"), "inputs");
        assertEquals(Map.of("A_1", "x"), ok.environment());
        ProblemException e = assertThrows(ProblemException.class, () -> binder.bind(ScriptInputs.class,
                json("{\"script\": \"true\", \"environment\": {\"X;rm -rf /\": \"x\"}}"), "inputs"));
        assertEquals("inputs.environment.X;rm -rf /", e.errors().get(0).field());
        assertEquals(List.of(new FieldError("inputs.script", "is required")),
                assertThrows(ProblemException.class, () -> binder.bind(ScriptInputs.class, json("{\"script\": null}"), "inputs")).errors());
    }
}
