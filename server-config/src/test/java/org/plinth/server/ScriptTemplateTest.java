package org.plinth.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptTemplateTest {

    @Test
    void replacesPlaceholdersOutsideCommentsOnly() {
        ScriptTemplate t = new ScriptTemplate("# uses @PORT@ and @HOST@\ncreate-x --port @PORT@ @HOST@:@PORT@\n");
        assertEquals(Set.of("PORT", "HOST"), t.placeholders());
        assertEquals("# uses @PORT@ and @HOST@\ncreate-x --port 5432 db\\\\$1:5432\n",
                t.render(Map.of("PORT", "5432", "HOST", "db\\\\$1")));
    }

    @Test
    void missingAndUnusedValuesAreErrors() {
        ScriptTemplate t = new ScriptTemplate("a @X@ @Y@\n");
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("X", "1")));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("X", "1", "Y", "2", "Z", "3")));
    }

    @Test
    void shippedConfigureScriptHasTheDocumentedPlaceholders() {
        ScriptTemplate t = ScriptTemplate.configureDomain();
        assertEquals(Set.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "HEAP", "PLINTH_PROPERTIES"),
                t.placeholders());
        String rendered = t.render(Map.of("DB_HOST", "localhost", "DB_PORT", "5432", "DB_NAME", "plinth",
                "DB_USER", "plinth", "DB_PASSWORD", "pw", "HEAP", "1g", "PLINTH_PROPERTIES", "plinth.api-key=k"));
        assertTrue(rendered.contains("create-jdbc-resource --connectionpoolid plinth-pool jdbc/plinth"));
        assertTrue(rendered.contains("--datasourcelookupname jdbc/plinth --executorservicelookupname concurrent/plinth-batch"));
        assertTrue(rendered.contains("create-system-properties \"plinth.api-key=k\""));
        assertTrue(rendered.contains("create-jvm-options -Xmx1g"));
        assertFalse(rendered.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("@")));
    }
}
