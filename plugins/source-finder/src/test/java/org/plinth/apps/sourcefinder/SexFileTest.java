package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SexFileTest {

    @Test
    void replacesValuesInPlaceKeepingCommentsAndAppendsTheRest() {
        List<String> template = List.of(
                "# Default configuration file",
                "CATALOG_NAME     test.cat       # name of the output catalog",
                "DETECT_THRESH    1.5            # <sigmas> or <threshold>,<ZP> in mag.arcsec-2",
                "                                # a continued comment",
                "FILTER_NAME      default.conv",
                "DETECT_THRESH    9              # repeated: must not override",
                "MEMORY_BUFSIZE   1024");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("DETECT_THRESH", "3");
        settings.put("FILTER_NAME", "/usr/share/source-extractor/gauss_2.0_5x5.conv");
        settings.put("NTHREADS", "2");
        List<String> out = SexFile.render(template, settings).lines().toList();
        assertEquals("# Default configuration file", out.get(0));
        assertEquals("CATALOG_NAME     test.cat       # name of the output catalog", out.get(1));
        assertEquals("DETECT_THRESH    3  # <sigmas> or <threshold>,<ZP> in mag.arcsec-2", out.get(2));
        assertEquals("                                # a continued comment", out.get(3));
        assertEquals("FILTER_NAME      /usr/share/source-extractor/gauss_2.0_5x5.conv", out.get(4));
        assertTrue(out.get(5).startsWith("# DETECT_THRESH    9"), out.get(5));
        assertEquals("MEMORY_BUFSIZE   1024", out.get(6));
        assertEquals("NTHREADS         2", out.get(out.size() - 1));
    }

    @Test
    void everyKeywordOfTheInstalledDefaultIsKnownToTheMapping() throws Exception {
        Path installed = Path.of("/usr/share/source-extractor/default.sex");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(installed), "source-extractor not installed");
        Map<String, String> settings = SextractorConfig.settings(Inputs.defaults("x"), installed.getParent(), 1);
        String rendered = SexFile.render(Files.readAllLines(installed, java.nio.charset.StandardCharsets.ISO_8859_1), settings);
        // each of ours appears exactly once as an active line
        for (var e : settings.entrySet()) {
            long active = rendered.lines().filter(l -> l.startsWith(e.getKey() + " ")).count();
            assertEquals(1, active, e.getKey());
            assertTrue(rendered.lines().anyMatch(l -> l.matches(e.getKey() + "\\s+" + java.util.regex.Pattern.quote(e.getValue()) + "(\\s+#.*)?")),
                    e.getKey() + " = " + e.getValue());
        }
    }
}
