package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceExtractorToolTest {

    @TempDir
    Path dir;

    @Test
    void missingBinaryNamesTheDebianPackage() {
        SourceExtractorTool.Result r = SourceExtractorTool.locate(dir.toString());
        assertNull(r.tool());
        assertEquals("SExtractor (source-extractor or sex) not found on the PATH: install the Debian package source-extractor",
                r.problem());
    }

    @Test
    void findsAnExecutableOnThePathAndPrefersDebiansName() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("sex"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(a.resolve("sex"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(b.resolve("source-extractor"), "not executable");
        assertEquals(a.resolve("sex"), SourceExtractorTool.onPath(a + ":" + b).orElseThrow());
        Files.setPosixFilePermissions(b.resolve("source-extractor"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(b.resolve("source-extractor"), SourceExtractorTool.onPath(a + ":" + b).orElseThrow());
    }

    @Test
    void theInstalledVersionIsReported() {
        SourceExtractorTool.Result r = SourceExtractorTool.locate();
        org.junit.jupiter.api.Assumptions.assumeTrue(r.tool() != null, () -> "skipped: " + r.problem());
        assertTrue(r.tool().version().matches("\\d+\\.\\d+.*"), r.tool().version());
    }
}
