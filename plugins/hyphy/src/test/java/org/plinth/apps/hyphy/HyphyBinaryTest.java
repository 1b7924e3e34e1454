package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyphyBinaryTest {

    private static void executable(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void picksTheFastestFlavourTheCpuRuns(@TempDir Path dir) throws Exception {
        executable(dir.resolve("hyphy-avx"), "\u007fELF");
        executable(dir.resolve("hyphy-sse3"), "\u007fELF");
        executable(dir.resolve("hyphy"), "\u007fELF");
        assertEquals(Optional.of(dir.resolve("hyphy-avx")), HyphyBinary.choose(dir, Set.of("pni", "avx", "avx2")));
        assertEquals(Optional.of(dir.resolve("hyphy-sse3")), HyphyBinary.choose(dir, Set.of("pni", "ssse3")));
        assertEquals(Optional.of(dir.resolve("hyphy")), HyphyBinary.choose(dir, Set.of()));
    }

    @Test
    void theDebianWrapperScriptIsNotABinary(@TempDir Path dir) throws Exception {
        executable(dir.resolve("hyphy"), "#!/bin/sh\nexec something \"$@\"\n");
        assertEquals(Optional.empty(), HyphyBinary.choose(dir, Set.of("avx")));
        assertEquals(Optional.empty(), HyphyBinary.choose(dir.resolve("absent"), Set.of("avx")));
    }

    @Test
    void version() {
        assertEquals(Optional.of("2.5.46"), HyphyBinary.parseVersion("HYPHY 2.5.46(MP) for Linux on x86_64\n"));
        assertEquals(Optional.empty(), HyphyBinary.parseVersion("command not found"));
    }
}
