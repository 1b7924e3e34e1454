package org.plinth.web.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plinth.problems.ProblemException;

class MultipartReaderTest {

    private static final String B = "----plinthBoundary7MA4YWxk";

    private static byte[] form(byte[] file, String meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (meta != null) {
            out.write(("--" + B + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n" + meta + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".fits\"\r\n"
                + "Content-Type: application/fits\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A stream that hands out at most a few bytes per read, as a slow network does. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void readsPartsWhateverTheChunking() throws IOException {
        byte[] file = new byte[700_000];
        new Random(7).nextBytes(file);
        // bytes that look like the start of a delimiter must stay content
        byte[] tricky = ("\r\n--" + B.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tricky, 0, file, 1000, tricky.length);
        System.arraycopy(tricky, 0, file, file.length - tricky.length, tricky.length);
        for (int chunk : new int[] {1, 7, 4096, Integer.MAX_VALUE}) {
            byte[] expected = chunk == 1 ? java.util.Arrays.copyOf(file, 20_000) : file; // byte by byte is slow
            byte[] body = form(expected, "{\"name\": \"x\"}");
            MultipartReader reader = new MultipartReader(trickle(body, chunk), B);
            MultipartReader.Part meta = reader.next();
            assertEquals("meta", meta.name());
            assertEquals("{\"name\": \"x\"}", new String(meta.body().readAllBytes(), StandardCharsets.UTF_8));
            MultipartReader.Part part = reader.next();
            assertEquals("file", part.name());
            assertEquals("a \"b\".fits", part.filename());
            assertEquals("application/fits", part.contentType());
            assertArrayEquals(expected, part.body().readAllBytes(), "chunk " + chunk);
            assertNull(reader.next());
        }
    }

    @Test
    void nearMissesOfTheDelimiterStayContent() throws IOException {
        // Content made of every prefix of the delimiter, the delimiter with one byte changed, and
        // runs of its bytes: what a skip-table search would get wrong if its shifts were too long.
        byte[] delimiter = ("\r\n--" + B).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int cut = random.nextInt(delimiter.length);
            content.write(delimiter, 0, cut);
            byte[] changed = delimiter.clone();
            changed[random.nextInt(changed.length)] ^= 1;
            content.write(changed);
            for (int i = 0; i < random.nextInt(20); i++) {
                content.write(delimiter[random.nextInt(delimiter.length)]);
            }
        }
        content.write(delimiter, 0, delimiter.length - 1); // ends with all but the last byte
        byte[] file = content.toByteArray();
        for (int chunk : new int[] {3, 61, 4096, Integer.MAX_VALUE}) {
            MultipartReader reader = new MultipartReader(trickle(form(file, null), chunk), B);
            MultipartReader.Part part = reader.next();
            assertArrayEquals(file, part.body().readAllBytes(), "chunk " + chunk);
            assertNull(reader.next());
        }
    }

    @Test
    void skipsAnUnreadPartAndAPreamble() throws IOException {
        byte[] body = ("preamble\r\n" + new String(form("hello".getBytes(), "{}"), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), B);
        assertEquals("meta", reader.next().name()); // not read
        MultipartReader.Part file = reader.next();
        assertEquals("hello", new String(file.body().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(reader.next());
    }

    @Test
    void aCutOffBodyIsRefusedNotTakenAsAFile() throws IOException {
        byte[] body = form(new byte[50_000], null);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 200);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), B);
        MultipartReader.Part part = reader.next();
        ProblemException e = assertThrows(ProblemException.class, () -> part.body().readAllBytes());
        assertEquals(400, e.status());
    }

    @Test
    void boundaryComesFromTheContentType() {
        assertEquals("abc", MultipartReader.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b", MultipartReader.boundary("multipart/form-data; boundary=\"a b\""));
        assertThrows(ProblemException.class, () -> MultipartReader.boundary("multipart/form-data"));
        assertThrows(ProblemException.class, () -> MultipartReader.boundary(null));
    }

    @Test
    void contentDispositionKeepsUnicodeAndCannotBreakTheHeader() {
        String header = FileResponses.contentDisposition("attachment", "smörgås \"x\"\r\n.fits");
        assertEquals("attachment; filename=\"sm_rg_s _x___.fits\"; filename*=UTF-8''sm%C3%B6rg%C3%A5s%20%22x%22%0D%0A.fits",
                header);
    }
}
