package org.plinth.web.jobs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the end of a log without reading the whole file. */
final class Logs {

    private Logs() {
    }

    static String tail(Path log, int lines) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long end = file.length();
            long pos = end;
            int newlines = 0;
            byte[] block = new byte[8192];
            // Count newlines backwards; a final newline does not start a new line.
            long scanEnd = end > 0 && lastByte(file, end) == '\n' ? end - 1 : end;
            pos = scanEnd;
            outer:
            while (pos > 0) {
                int n = (int) Math.min(block.length, pos);
                pos -= n;
                file.seek(pos);
                file.readFully(block, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (block[i] == '\n' && ++newlines == lines) {
                        pos += i + 1;
                        break outer;
                    }
                }
            }
            byte[] out = new byte[(int) Math.min(end - pos, 16 * 1024 * 1024)];
            file.seek(end - out.length);
            file.readFully(out);
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static int lastByte(RandomAccessFile file, long end) throws IOException {
        file.seek(end - 1);
        return file.read();
    }
}
