package org.plinth.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.problems.ProblemException;

class FileBlobsTest {

    @TempDir
    Path tmp;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private FileBlobs blobs(boolean pipelined) {
        FileBlobs b = new FileBlobs() {
            @Override
            ExecutorService pipeline() {
                return pipelined ? pool : null;
            }
        };
        b.dataDir = tmp.toString();
        return b;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** A body that arrives in odd-sized pieces, as from a socket. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 70_001));
            }
        };
    }

    @Test
    void storesTheBytesWithTheirSha256PipelinedOrNot() throws Exception {
        for (boolean pipelined : new boolean[] {true, false}) {
            for (int size : new int[] {0, 1, FileBlobs.BUFFER, FileBlobs.BUFFER * 5 + 17}) {
                byte[] content = random(size);
                FileBlobs.Received r = blobs(pipelined).receive(trickle(content), Long.MAX_VALUE, n -> null);
                assertEquals(size, r.size());
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), r.sha256());
                assertArrayEquals(content, Files.readAllBytes(r.temp()), "pipelined=" + pipelined + " size=" + size);
            }
        }
    }

    @Test
    void tooLargeLeavesNothing() throws Exception {
        for (boolean pipelined : new boolean[] {true, false}) {
            FileBlobs b = blobs(pipelined);
            ProblemException e = assertThrows(ProblemException.class, () -> b.receive(trickle(random(3_000_000)), 1_000_000,
                    n -> new ProblemException(413, "Payload Too Large", "over by " + n)));
            assertEquals(413, e.status());
            try (var left = Files.list(b.incoming())) {
                assertEquals(0, left.count());
            }
        }
    }

    @Test
    void aBodyThatBreaksLeavesNothing() throws Exception {
        FileBlobs b = blobs(true);
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 2_000_000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        IOException e = assertThrows(IOException.class, () -> b.receive(broken, Long.MAX_VALUE, n -> null));
        assertTrue(e.getMessage().contains("reset"));
        try (var left = Files.list(b.incoming())) {
            assertEquals(0, left.count());
        }
    }
}
