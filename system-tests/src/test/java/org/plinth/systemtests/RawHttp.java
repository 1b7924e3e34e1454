package org.plinth.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 written byte by byte on a socket, for requests no well-behaved client sends: raw
 * bytes in the request line, duplicate or contradicting {@code Content-Length}, headers Java's
 * HttpClient refuses. One request per connection ({@code Connection: close}), so the answer is
 * everything up to the server's close (or, for an event stream, its head).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** What came back; {@code status} is -1 when the server closed without a status line. */
    record Answer(int status, List<String[]> headers, byte[] body, String failure) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Daemon threads: one closes the socket of an exchange past its deadline, others write request bodies. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            daemon("raw-http-deadline"));
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(daemon("raw-http-writer"));

    /**
     * Sends {@code head} (request line and headers, ISO-8859-1: one char per byte, the blank
     * line included) and then {@code body}, while reading the answer until the server closes.
     *
     * <p>Writing and reading run at once, as in a real client: a server may answer before it has
     * read the body (a 413, or an event stream that never reads it), and a client that wrote the
     * whole body first would wait for ever on a full socket buffer (HostileInputIT hung on a GET
     * of the event stream that carried 5 MiB of JSON). The whole exchange ends within
     * {@code deadlineMillis} in any case; the answer's failure then says so.
     */
    static Answer exchange(String host, int port, byte[] head, byte[] body, int deadlineMillis) {
        AtomicBoolean expired = new AtomicBoolean();
        try (Socket socket = new Socket()) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                expired.set(true);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all there is to do
                }
            }, deadlineMillis, TimeUnit.MILLISECONDS);
            try {
                socket.connect(new InetSocketAddress(host, port), 5000);
                socket.setSoTimeout(deadlineMillis);
                OutputStream out = socket.getOutputStream();
                WRITERS.execute(() -> {
                    try {
                        out.write(head);
                        if (body != null && body.length > 0) {
                            out.write(body);
                        }
                        out.flush();
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        // the server answered and closed before reading everything: the reader has its answer
                    }
                });
                Answer answer = parse(readAll(socket.getInputStream()));
                return expired.get() && answer.status() < 0
                        ? new Answer(-1, answer.headers(), answer.body(), noAnswerWithin(deadlineMillis)) : answer;
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            return new Answer(-1, List.of(), new byte[0], expired.get() ? noAnswerWithin(deadlineMillis) : e.toString());
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static String noAnswerWithin(int millis) {
        return "no answer within " + millis / 1000 + " s: the client closed the connection";
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            long started = System.nanoTime();
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
                byte[] sofar = all.toByteArray();
                if (eventStream(sofar) || (headComplete(sofar) && System.nanoTime() - started > STREAM_NANOS)) {
                    // an event stream or a followed log never ends by itself: its head and first bytes are the answer
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer (the server closed with unread request bytes): keep what came
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    /** How long an answer whose head has come may go on before it is taken as a stream. */
    private static final long STREAM_NANOS = 5_000_000_000L;

    private static boolean headComplete(byte[] raw) {
        return indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    private static boolean eventStream(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return end >= 0 && new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .contains("content-type: text/event-stream");
    }

    static Answer parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            return new Answer(-1, List.of(), raw, raw.length == 0 ? "closed without an answer" : "no end of headers");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Answer(-1, List.of(), raw, "no status line: " + lines[0]);
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        return new Answer(status, headers, chunked ? dechunk(body) : body, null);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(n, body.length - from));
            at = from + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
