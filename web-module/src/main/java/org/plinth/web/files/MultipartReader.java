package org.plinth.web.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.plinth.problems.ProblemException;

/**
 * Reads a {@code multipart/form-data} body part by part as it arrives, handing each part's
 * content out as a stream: a 2 GiB file goes straight to disk without being buffered in memory
 * or in a temporary file first (as the container's own multipart support would).
 */
final class MultipartReader {

    /** One part: its form field name, the file name a browser gave it, its content type and bytes. */
    record Part(String name, String filename, String contentType, InputStream body) {
    }

    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER = 256 * 1024;

    private final InputStream in;
    /** CRLF "--" boundary: what ends a part's content. */
    private final byte[] delimiter;
    /**
     * Boyer-Moore-Horspool shift per byte value: how far the delimiter may move when that byte
     * is under its last position. On file content the scan then looks at about one byte in
     * delimiter-length instead of every byte (a profile of a 2 GiB upload spent 90% of its
     * Java time in the byte-by-byte scan).
     */
    private final int[] shift = new int[256];
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private PartBody current;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER + delimiter.length];
        Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
    }

    /** The boundary parameter of a multipart content type, or a 400. */
    static String boundary(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                    String b = p.substring("boundary=".length());
                    if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                        b = b.substring(1, b.length() - 1);
                    }
                    if (!b.isEmpty() && b.length() <= 70) {
                        return b;
                    }
                }
            }
        }
        throw ProblemException.badRequest("Content-Type", "multipart/form-data needs a boundary parameter of 1 to 70 characters");
    }

    /** The next part, or null after the last; the previous part's unread content is skipped. */
    Part next() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        } else if (!started) {
            started = true;
            skipPreamble();
        }
        if (finished) {
            return null;
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.getOrDefault("content-disposition", "");
        Map<String, String> params = parameters(disposition);
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || params.get("name") == null) {
            throw malformed("a part lacks Content-Disposition: form-data; name=…");
        }
        current = new PartBody();
        return new Part(params.get("name"), params.get("filename"), headers.get("content-type"), current);
    }

    private void skipPreamble() throws IOException {
        // The body starts with "--boundary" (no CRLF before it); pretend one was there.
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        fill(first.length);
        if (limit - pos >= first.length && Arrays.equals(buffer, pos, pos + first.length, first, 0, first.length)) {
            pos += first.length;
            afterDelimiter();
        } else {
            new PartBody().skipRest(); // a preamble: up to and past the first delimiter
        }
    }

    /** After a delimiter: "--" ends the body, CRLF starts another part. */
    private void afterDelimiter() throws IOException {
        fill(2);
        if (limit - pos < 2) {
            throw truncated();
        }
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            return;
        }
        // transport padding (spaces, tabs) may precede the CRLF
        while (true) {
            fill(2);
            if (limit - pos < 2) {
                throw truncated();
            }
            if (buffer[pos] == '\r' && buffer[pos + 1] == '\n') {
                pos += 2;
                return;
            }
            if (buffer[pos] != ' ' && buffer[pos] != '\t') {
                throw malformed("unexpected bytes after a boundary");
            }
            pos++;
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int read = 0;
        while (true) {
            String line = readLine();
            read += line.length() + 2;
            if (read > MAX_HEADER_BYTES) {
                throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a part header without a colon");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        byte[] bytes = new byte[256];
        int n = 0;
        while (true) {
            fill(2);
            if (limit - pos < 2) {
                throw truncated();
            }
            if (buffer[pos] == '\r' && buffer[pos + 1] == '\n') {
                pos += 2;
                line.append(new String(bytes, 0, n, StandardCharsets.UTF_8));
                return line.toString();
            }
            if (n == bytes.length) {
                if (bytes.length >= MAX_HEADER_BYTES) {
                    throw malformed("a part header line is too long");
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[n++] = buffer[pos++];
        }
    }

    /** Makes at least {@code want} bytes available after pos, unless the stream ends first. */
    private void fill(int want) throws IOException {
        if (limit - pos >= want || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < want && !eof) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** The content of one part: bytes up to the next delimiter. */
    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] out, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (limit - pos < delimiter.length) {
                    fill(buffer.length); // as much as there is room for
                }
                int found = indexOfDelimiter();
                if (found == pos) {
                    pos += delimiter.length;
                    ended = true;
                    afterDelimiter();
                    return -1;
                }
                // Bytes before a delimiter, or before the last delimiter-length bytes (which
                // may be the start of one), are content.
                int safeEnd = found >= 0 ? found : limit - (delimiter.length - 1);
                if (safeEnd > pos) {
                    int n = Math.min(len, safeEnd - pos);
                    System.arraycopy(buffer, pos, out, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw truncated();
                }
                fill(limit - pos + 1);
            }
        }

        /** The first index at or after pos where the whole delimiter is, or -1 (Horspool). */
        private int indexOfDelimiter() {
            int m = delimiter.length;
            byte lastByte = delimiter[m - 1];
            int last = limit - m;
            int i = pos;
            while (i <= last) {
                byte b = buffer[i + m - 1];
                if (b == lastByte && Arrays.equals(buffer, i, i + m, delimiter, 0, m)) {
                    return i;
                }
                i += shift[b & 0xff];
            }
            return -1;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[BUFFER];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }

    /** form-data; name="file"; filename="a b.fits" (quoted strings with \-escapes). */
    static Map<String, String> parameters(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++;
            while (i < header.length() && header.charAt(i) == ' ') {
                i++;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < header.length() && header.charAt(j) != ';') {
                    value.append(header.charAt(j++));
                }
            }
            params.putIfAbsent(key, value.toString().trim());
            i = header.indexOf(';', j);
        }
        return params;
    }

    private static ProblemException malformed(String why) {
        return ProblemException.badRequest("body", "malformed multipart/form-data: " + why);
    }

    static ProblemException truncated() {
        return ProblemException.badRequest("body", "the upload ended before the multipart body did (connection closed?)");
    }
}
