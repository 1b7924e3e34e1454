package org.plinth.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the archive with the system's tar, the reader users will actually use. */
class TarGzWriterTest {

    @TempDir
    Path dir;

    @Test
    void systemTarReadsWhatWeWrite() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        String longName = "deep/" + "d".repeat(120) + "/file-ü.txt";
        Files.createDirectories(ws.resolve(longName).getParent());
        Files.writeString(ws.resolve(longName), "long name");
        Files.write(ws.resolve("data.bin"), new byte[70_000]);
        Files.createDirectories(ws.resolve(".plinth"));
        Files.writeString(ws.resolve(".plinth/exit"), "0");
        Path archive = dir.resolve("out.tar.gz");
        try (var out = Files.newOutputStream(archive)) {
            Outputs.archive(ws, null, out);
        }
        Path extracted = Files.createDirectories(dir.resolve("x"));
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", extracted.toString())
                .redirectErrorStream(true).start();
        String messages = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), messages);
        assertEquals("long name", Files.readString(extracted.resolve(longName)));
        assertEquals(70_000, Files.size(extracted.resolve("data.bin")));
        assertEquals(false, Files.exists(extracted.resolve(".plinth")));
    }

    @Test
    void globSelectsFiles() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws2"));
        Files.writeString(ws.resolve("a.txt"), "a");
        Files.writeString(ws.resolve("b.csv"), "b");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Outputs.archive(ws, "*.csv", bytes);
        Path archive = dir.resolve("g.tar.gz");
        Files.write(archive, bytes.toByteArray());
        Process tar = new ProcessBuilder("tar", "tzf", archive.toString()).start();
        List<String> names = new String(tar.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, tar.waitFor());
        assertEquals(List.of("b.csv"), names);
    }

    @Test
    void paxRecordLengthCountsItself() {
        byte[] rec = TarGzWriter.paxRecord("path", "x".repeat(95));
        String s = new String(rec);
        assertEquals(Integer.parseInt(s.substring(0, s.indexOf(' '))), rec.length);
    }
}
