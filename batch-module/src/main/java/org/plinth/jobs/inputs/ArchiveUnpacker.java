package org.plinth.jobs.inputs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.plinth.workspace.Workspaces;

/**
 * Unpacks a user's archive (tar, tar.gz or zip, told apart by their first bytes) into a folder
 * so that nothing lands outside it: every entry name must be a plain relative path (no
 * {@code ..}, no leading {@code /}, no NUL), only files and folders are made (a tar's links,
 * devices and fifos refuse the whole archive), no existing file is overwritten through a link,
 * and the total size and entry count are bounded against decompression bombs.
 */
public final class ArchiveUnpacker {

    /** What an archive held. */
    public record Unpacked(long files, long bytes) {
    }

    /** Why an archive was refused; the message names the entry. */
    public static final class RefusedArchive extends IOException {
        RefusedArchive(String message) {
            super(message);
        }
    }

    static final int MAX_ENTRIES = 100_000;

    private final long maxBytes;

    public ArchiveUnpacker(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Unpacked unpack(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            raw.mark(4);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return untar(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16), dir);
            }
            if (b0 == 'P' && b1 == 'K') {
                return unzip(raw, dir);
            }
            return untar(raw, dir);
        }
    }

    private Unpacked unzip(InputStream in, Path dir) throws IOException {
        long files = 0;
        long bytes = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++files > MAX_ENTRIES) {
                    throw new RefusedArchive("the archive has more than " + MAX_ENTRIES + " entries");
                }
                Path target = target(dir, entry.getName());
                if (entry.isDirectory()) {
                    createDirectories(dir, target);
                } else {
                    bytes += write(zip, dir, target, Long.MAX_VALUE, bytes);
                }
            }
        }
        return new Unpacked(files, bytes);
    }

    private Unpacked untar(InputStream in, Path dir) throws IOException {
        long files = 0;
        long bytes = 0;
        byte[] header = new byte[512];
        String longName = null;
        while (true) {
            int got = read(in, header);
            if (got == 0 && (files > 0 || bytes > 0)) {
                return new Unpacked(files, bytes); // no end-of-archive blocks: tolerated
            }
            if (got < header.length) {
                throw new RefusedArchive("the archive ends in the middle of a header: not a tar, tar.gz or zip file");
            }
            if (isZero(header)) {
                return new Unpacked(files, bytes);
            }
            if (!checksumMatches(header)) {
                throw new RefusedArchive("not a tar, tar.gz or zip file (bad tar header checksum)");
            }
            char type = (char) header[156];
            long size = number(header, 124, 12);
            String name = longName != null ? longName : name(header);
            longName = null;
            switch (type) {
                case 'x' -> longName = paxPath(readText(in, size)); // per-entry pax header: the next entry's path
                case 'L' -> longName = trimNul(readText(in, size)); // GNU long name
                case 'g' -> skip(in, padded(size)); // global pax header: nothing we use
                case '0', '\0', '7' -> {
                    if (++files > MAX_ENTRIES) {
                        throw new RefusedArchive("the archive has more than " + MAX_ENTRIES + " entries");
                    }
                    Path target = target(dir, name);
                    bytes += write(in, dir, target, size, bytes);
                    skip(in, padded(size) - size);
                }
                case '5' -> {
                    createDirectories(dir, target(dir, name));
                    skip(in, padded(size));
                }
                case '1', '2' -> throw new RefusedArchive("the archive entry '" + name + "' is a link; "
                        + "archives may hold only files and folders");
                default -> throw new RefusedArchive("the archive entry '" + name + "' is of tar type '" + type
                        + "'; archives may hold only files and folders");
            }
        }
    }

    /** The entry's place in dir, or a refusal when the name could leave it. */
    static Path target(Path dir, String name) throws RefusedArchive {
        String clean = name;
        while (clean.startsWith("./")) {
            clean = clean.substring(2);
        }
        if (clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        if (!Workspaces.isSafeRelative(clean)) {
            throw new RefusedArchive("the archive entry '" + name.replace('\0', '?')
                    + "' is not a plain relative path (absolute, .., or odd characters)");
        }
        Path target = dir.resolve(clean).normalize();
        if (!target.startsWith(dir)) {
            throw new RefusedArchive("the archive entry '" + name + "' leaves its folder");
        }
        return target;
    }

    private static void createDirectories(Path dir, Path target) throws IOException {
        // walk down from dir so that no existing link on the way is followed
        Path current = dir;
        for (Path part : dir.relativize(target)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new RefusedArchive("the archive would write through the link " + dir.relativize(current));
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new RefusedArchive("the archive puts a folder where a file is: " + dir.relativize(current));
            }
        }
    }

    private long write(InputStream in, Path dir, Path target, long size, long sofar) throws IOException {
        createDirectories(dir, target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedArchive("the archive holds " + dir.relativize(target) + " twice");
        }
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[1 << 16];
            while (written < size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - written));
                if (n < 0) {
                    if (size == Long.MAX_VALUE) {
                        break; // a zip entry ends where its stream ends
                    }
                    throw new RefusedArchive("the archive is cut off inside " + dir.relativize(target));
                }
                written += n;
                if (sofar + written > maxBytes) {
                    throw new RefusedArchive("the archive unpacks to more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static String name(byte[] h) {
        String name = text(h, 0, 100);
        if ("ustar".equals(text(h, 257, 5))) {
            String prefix = text(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private static String paxPath(String records) {
        // records: "<len> key=value\n" ...
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String readText(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new RefusedArchive("a tar extension header is larger than 1 MiB");
        }
        byte[] b = new byte[(int) size];
        if (!readFully(in, b)) {
            throw new RefusedArchive("the archive is cut off");
        }
        skip(in, padded(size) - size);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** Octal, or base-256 (high bit set) for sizes beyond 8 GiB. */
    static long number(byte[] h, int off, int len) throws RefusedArchive {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = text(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new RefusedArchive("not a tar, tar.gz or zip file (bad number in a tar header)");
        }
    }

    private static boolean checksumMatches(byte[] h) throws RefusedArchive {
        long stored = number(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return sum == stored;
    }

    private static long padded(long size) {
        return (size + 511) / 512 * 512;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        return read(in, b) == b.length;
    }

    /** Reads until b is full or the stream ends; answers how much it read. */
    private static int read(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new RefusedArchive("the archive is cut off");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
