package org.plinth.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class InputSchemaTest {

    @Test
    void describesTypesBoundsAndAnnotations() {
        JsonObject schema = InputSchema.of(SampleInputs.class);
        assertEquals("object", schema.getString("type"));
        assertFalse(schema.getBoolean("additionalProperties"));
        assertEquals("[\"particles\"]", schema.getJsonArray("required").toString());

        JsonObject particles = schema.getJsonObject("properties").getJsonObject("particles");
        assertEquals("integer", particles.getString("type"));
        assertEquals(1, particles.getInt("minimum"));
        assertEquals(1_000_000, particles.getInt("maximum"));
        assertEquals("Ipart", particles.getString("x-alias"));
        assertEquals("Number of macro particles", particles.getString("description"));

        JsonObject charge = schema.getJsonObject("properties").getJsonObject("charge");
        assertEquals("number", charge.getString("type"));
        assertEquals("nC", charge.getString("x-unit"));
        assertEquals(0, charge.getJsonNumber("exclusiveMinimum").intValue());
        assertEquals(1.0, charge.getJsonNumber("default").doubleValue());

        JsonObject distribution = schema.getJsonObject("properties").getJsonObject("distribution");
        assertEquals("[\"gauss\",\"uniform\"]", distribution.getJsonArray("enum").toString());
        assertEquals("[\"ELECTRONS\",\"PROTONS\"]",
                schema.getJsonObject("properties").getJsonObject("species").getJsonArray("enum").toString());
        assertEquals("number", schema.getJsonObject("properties").getJsonObject("positions")
                .getJsonObject("items").getString("type"));
    }
}
