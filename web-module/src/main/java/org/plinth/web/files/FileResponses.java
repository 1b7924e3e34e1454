package org.plinth.web.files;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plinth.problems.ProblemException;
import org.plinth.web.problems.Problems;

/** Streams a file, whole or one byte range of it ({@code Range: bytes=a-b}), never held in memory. */
public final class FileResponses {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileResponses() {
    }

    public static Response serve(Path file, String mediaType, String rangeHeader) throws IOException {
        return serve(file, mediaType, rangeHeader, "inline", file.getFileName().toString(), null);
    }

    /**
     * Serves a file as {@code disposition} ("inline" or "attachment") under {@code name}. With an
     * etag, a matching {@code If-None-Match} (checked by the caller) answers 304 elsewhere, and the
     * tag goes out with every answer so clients can cache.
     */
    public static Response serve(Path file, String mediaType, String rangeHeader, String disposition, String name,
                                 String etag) throws IOException {
        long size = Files.size(file);
        String contentDisposition = contentDisposition(disposition, name);
        if (rangeHeader == null || rangeHeader.isBlank()) {
            Response.ResponseBuilder ok = Response.ok(stream(file, 0, size), mediaType)
                    .header("Content-Length", size).header("Accept-Ranges", "bytes")
                    .header("Content-Disposition", contentDisposition);
            return (etag == null ? ok : ok.header("ETag", etag)).build();
        }
        Matcher m = RANGE.matcher(rangeHeader.trim());
        long start;
        long end;
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(size);
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
        } catch (NumberFormatException e) {
            return unsatisfiable(size);
        }
        if (start >= size || start > end) {
            return unsatisfiable(size);
        }
        long length = end - start + 1;
        Response.ResponseBuilder partial = Response.status(206).entity(stream(file, start, length)).type(mediaType)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .header("Content-Length", length).header("Accept-Ranges", "bytes")
                .header("Content-Disposition", contentDisposition);
        return (etag == null ? partial : partial.header("ETag", etag)).build();
    }

    /**
     * A Content-Disposition with an ASCII fallback name and the exact name in RFC 6266/5987
     * form, so a unicode name survives and no quote or line break can break the header.
     */
    static String contentDisposition(String type, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether an If-None-Match header names this entity tag (or *). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Response unsatisfiable(long size) {
        return Response.fromResponse(Problems.response(416, "Range Not Satisfiable",
                "the file has " + size + " bytes")).header("Content-Range", "bytes */" + size).build();
    }

    public static StreamingOutput stream(Path file, long start, long length) {
        return out -> {
            try (FileChannel channel = FileChannel.open(file)) {
                channel.position(start);
                try (InputStream in = Channels.newInputStream(channel)) {
                    byte[] buffer = new byte[256 * 1024]; // fewer, larger writes into the container
                    long left = length;
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            break;
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
            }
        };
    }

    public static Path existing(java.util.Optional<Path> path, String what) {
        return path.filter(Files::isRegularFile).orElseThrow(() -> ProblemException.notFound("no " + what));
    }
}
