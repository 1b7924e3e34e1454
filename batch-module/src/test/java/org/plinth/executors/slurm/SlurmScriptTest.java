package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Command;

/** The script is run by a real bash here, as SLURM would run it. */
class SlurmScriptTest {

    @TempDir
    Path ws;

    static final List<String> NASTY = List.of(
            "plain", "", " ", "two words", "$(touch pwned1)", "`touch pwned2`", "'; touch pwned3; '",
            "\"; touch pwned4; \"", "$HOME", "${PATH}", "*", "~", "!!", "a\\b", "\\", "'", "''", "\"",
            "line1\nline2", "tab\there", "--", "-e", "&& touch pwned5", "| touch pwned6", "; touch pwned7",
            "> pwned8", "<(touch pwned9)", "$'\\x41'", "é ü 漢字 🚀", "%s %n", "#comment");

    private int run(String script) throws Exception {
        Path file = ws.resolve("job.sh");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("bash", file.toString()).directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(ws.resolve("out.log").toFile()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void everyArgumentArrivesExactlyAndNothingIsInterpreted() throws Exception {
        Path work = ws.resolve("work dir $(touch pwned0)");
        Files.createDirectories(work);
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > args.bin; exit 3", "argv0"));
        argv.addAll(NASTY);
        String script = SlurmScript.build(new Command(argv, Map.of()), work.toString(), "");

        assertEquals(3, run(script));

        byte[] bytes = Files.readAllBytes(work.resolve("args.bin"));
        List<String> got = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0", -1));
        assertEquals(NASTY, got.subList(0, got.size() - 1));
        try (var files = Files.walk(ws)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("pwned")),
                    "an argument was interpreted by the shell");
        }
        assertEquals("3", Files.readString(work.resolve(".plinth/exit")).trim());
        assertTrue(Files.exists(work.resolve(".plinth/times")));
        assertTrue(Files.exists(work.resolve(".plinth/slurm-job")));
    }

    @Test
    void setupRunsFirstInTheWorkDirectory() throws Exception {
        Path work = ws.resolve("w");
        Files.createDirectories(work);
        String script = SlurmScript.build(new Command(List.of("bash", "-c", "echo \"$SETUP_DONE\" > seen"), Map.of()),
                work.toString(), "export SETUP_DONE=yes\n");
        assertTrue(script.startsWith("#!/bin/bash\n"));
        assertEquals(0, run(script));
        assertEquals("yes", Files.readString(work.resolve("seen")).trim());
        assertEquals("0", Files.readString(work.resolve(".plinth/exit")).trim());
    }

    @Test
    void aMissingWorkDirectoryStopsBeforeTheCommand() throws Exception {
        String script = SlurmScript.build(Command.of("touch", "ran"), ws.resolve("absent").toString(), "");
        assertEquals(97, run(script));
        assertFalse(Files.exists(ws.resolve("ran")));
    }

    @Test
    void quoting() {
        assertEquals("'it'\\''s'", SlurmScript.quote("it's"));
        assertEquals("''", SlurmScript.quote(""));
        assertThrows(IllegalArgumentException.class, () -> SlurmScript.quote("a\0b"));
    }
}
