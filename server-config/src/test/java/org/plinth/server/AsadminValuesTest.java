package org.plinth.server;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsadminValuesTest {

    @Test
    void plainValuesStayAsTheyAre() {
        assertEquals("abc-DEF_123/x y.z", AsadminValues.escapeValue("abc-DEF_123/x y.z"));
    }

    @Test
    void colonsEqualsAndBackslashesAreDoubleEscapedForMultimode() {
        // verified against Payara 6.2025.9: this text in a multimode file stores the original value
        assertEquals("jdbc\\\\:postgresql\\\\://h\\\\:5432/db?a\\\\=b", AsadminValues.escapeValue("jdbc:postgresql://h:5432/db?a=b"));
        assertEquals("back\\\\\\\\slash", AsadminValues.escapeValue("back\\slash"));
        assertEquals("key\\\\:user", AsadminValues.escapeValue("key:user"));
    }

    @Test
    void quotesAndLineBreaksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.escapeValue("say \"hi\""));
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.escapeValue("it's"));
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.escapeValue("a\nb"));
    }

    @Test
    void propertyListJoinsEscapedPairsInOrder() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("plinth.keys.alice", "k-a:user");
        p.put("plinth.data-dir", "/tmp/x");
        assertEquals("plinth.keys.alice=k-a\\\\:user:plinth.data-dir=/tmp/x", AsadminValues.propertyList(p));
    }

    @Test
    void badNamesAndEmptyListsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.propertyList(Map.of("a:b", "x")));
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.propertyList(Map.of("a b", "x")));
        assertThrows(IllegalArgumentException.class, () -> AsadminValues.propertyList(Map.of()));
    }
}
