package org.plinth.workspace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A streaming writer of POSIX (pax) tar archives, gzip-compressed: regular files only, names of
 * any length (a pax {@code path} record when the ustar fields are too short). The JDK has gzip
 * but no tar, and this is all the archive endpoint needs.
 */
public final class TarGzWriter implements Closeable {

    private static final int BLOCK = 512;
    private final OutputStream out;

    public TarGzWriter(OutputStream target) throws IOException {
        this.out = new GZIPOutputStream(target, 64 * 1024);
    }

    public void addFile(String name, Path file) throws IOException {
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis() / 1000;
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || !isAscii(nameBytes)) {
            byte[] pax = paxRecord("path", name);
            out.write(header("PaxHeaders/" + shortName(name), pax.length, mtime, (byte) 'x'));
            out.write(pax);
            pad(pax.length);
            out.write(header(shortName(name), size, mtime, (byte) '0'));
        } else {
            out.write(header(name, size, mtime, (byte) '0'));
        }
        long copied;
        try (InputStream in = Files.newInputStream(file)) {
            // Copy exactly the size in the header even if the file grows meanwhile.
            copied = copy(in, size);
        }
        for (long i = copied; i < size; i++) {
            out.write(0); // shrank while archiving: keep the archive well-formed
        }
        pad(size);
    }

    private long copy(InputStream in, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static String shortName(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._/-]", "_");
        return ascii.length() <= 100 ? ascii : ascii.substring(ascii.length() - 100);
    }

    static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
        int length = bodyLength + 1;
        while (Integer.toString(length).length() + bodyLength != length) {
            length = Integer.toString(length).length() + bodyLength;
        }
        return (length + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, long size, long mtime, byte type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, h, offset, Math.min(length, value.length));
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a tar header field: " + value);
        }
        s = "0".repeat(length - 1 - s.length()) + s;
        put(h, offset, length - 1, s.getBytes(StandardCharsets.US_ASCII));
        h[offset + length - 1] = 0;
    }

    private void pad(long size) throws IOException {
        long rest = size % BLOCK;
        if (rest != 0) {
            out.write(new byte[(int) (BLOCK - rest)]);
        }
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.close();
    }
}
