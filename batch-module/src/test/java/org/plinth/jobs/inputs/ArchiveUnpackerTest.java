package org.plinth.jobs.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.workspace.TarGzWriter;

class ArchiveUnpackerTest {

    @TempDir
    Path tmp;

    /** A tar entry header written by hand, so that hostile names and types can be made. */
    private static byte[] tarEntry(String name, char type, byte[] content, String linkTarget) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        if (linkTarget != null) {
            put(h, 157, linkTarget);
        }
        put(h, 257, "ustar");
        h[262] = 0;
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private Path tar(byte[]... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        out.writeBytes(new byte[1024]);
        Path file = Files.createTempFile(tmp, "a", ".tar");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void unpacksTarGzWrittenByTheHostsOwnWriter() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/deep"));
        Files.writeString(src.resolve("x.txt"), "hello");
        String longName = "d/" + "n".repeat(150) + ".txt"; // needs a pax header
        Files.createDirectories(tmp.resolve("src/d"));
        Files.writeString(tmp.resolve("src").resolve(longName), "long");
        Path archive = tmp.resolve("a.tar.gz");
        try (TarGzWriter w = new TarGzWriter(Files.newOutputStream(archive))) {
            w.addFile("deep/x.txt", src.resolve("x.txt"));
            w.addFile(longName, tmp.resolve("src").resolve(longName));
        }
        Path dir = tmp.resolve("out");
        ArchiveUnpacker.Unpacked u = new ArchiveUnpacker(1 << 20).unpack(archive, dir);
        assertEquals(2, u.files());
        assertEquals(9, u.bytes());
        assertEquals("hello", Files.readString(dir.resolve("deep/x.txt")));
        assertEquals("long", Files.readString(dir.resolve(longName)));
    }

    @Test
    void unpacksZip() throws IOException {
        Path archive = tmp.resolve("a.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("dir/"));
            zip.putNextEntry(new ZipEntry("dir/a.txt"));
            zip.write("zipped".getBytes(StandardCharsets.UTF_8));
        }
        Path dir = tmp.resolve("out");
        new ArchiveUnpacker(1 << 20).unpack(archive, dir);
        assertEquals("zipped", Files.readString(dir.resolve("dir/a.txt")));
    }

    @Test
    void refusesEveryWayOut() throws IOException {
        Path dir = tmp.resolve("out");
        for (String name : List.of("../escape.txt", "/etc/escape.txt", "a/../../escape.txt", "a/./../../escape.txt",
                "line\nbreak.txt", ".plinth/exit")) {
            Path archive = tar(tarEntry(name, '0', "x".getBytes(), null));
            assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(archive, dir), name);
        }
        assertFalse(Files.exists(tmp.resolve("escape.txt")));
    }

    @Test
    void refusesLinksInTar() throws IOException {
        Path dir = tmp.resolve("out");
        Path symlink = tar(tarEntry("link", '2', new byte[0], "/etc"), tarEntry("link/passwd", '0', "x".getBytes(), null));
        var e = assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(symlink, dir));
        assertTrue(e.getMessage().contains("is a link"), e.getMessage());
        Path hardlink = tar(tarEntry("h", '1', new byte[0], "/etc/passwd"));
        assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(hardlink, dir));
        Path device = tar(tarEntry("dev", '3', new byte[0], null));
        assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(device, dir));
    }

    @Test
    void refusesZipSlip() throws IOException {
        Path archive = tmp.resolve("slip.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("../../slip.txt"));
            zip.write(1);
        }
        assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(archive, tmp.resolve("out")));
        assertFalse(Files.exists(tmp.resolve("slip.txt")));
    }

    @Test
    void doesNotWriteThroughAnExistingLink() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("sub"), outside);
        Path archive = tar(tarEntry("sub/x.txt", '0', "x".getBytes(), null));
        assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(archive, dir));
        assertFalse(Files.exists(outside.resolve("x.txt")));
    }

    @Test
    void boundsTheUnpackedSize() throws IOException {
        Path archive = tmp.resolve("bomb.tar.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(archive))) {
            gz.write(tarEntry("big", '0', new byte[200_000], null));
            gz.write(new byte[1024]);
        }
        var e = assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(100_000).unpack(archive, tmp.resolve("o")));
        assertTrue(e.getMessage().contains("more than 100000 bytes"), e.getMessage());
    }

    @Test
    void refusesWhatIsNoArchive() throws IOException {
        Path file = tmp.resolve("plain.txt");
        Files.writeString(file, "just some text that is not an archive at all".repeat(20));
        assertThrows(ArchiveUnpacker.RefusedArchive.class, () -> new ArchiveUnpacker(1 << 20).unpack(file, tmp.resolve("o")));
    }
}
