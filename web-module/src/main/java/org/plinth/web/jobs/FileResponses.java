package org.plinth.web.jobs;

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
final class FileResponses {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileResponses() {
    }

    static Response serve(Path file, String mediaType, String rangeHeader) throws IOException {
        long size = Files.size(file);
        String disposition = "inline; filename=\"" + file.getFileName().toString().replaceAll("[\"\\\\\\r\\n]", "_") + "\"";
        if (rangeHeader == null || rangeHeader.isBlank()) {
            return Response.ok(stream(file, 0, size), mediaType)
                    .header("Content-Length", size).header("Accept-Ranges", "bytes")
                    .header("Content-Disposition", disposition).build();
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
        return Response.status(206).entity(stream(file, start, length)).type(mediaType)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .header("Content-Length", length).header("Accept-Ranges", "bytes")
                .header("Content-Disposition", disposition).build();
    }

    private static Response unsatisfiable(long size) {
        return Response.fromResponse(Problems.response(416, "Range Not Satisfiable",
                "the file has " + size + " bytes")).header("Content-Range", "bytes */" + size).build();
    }

    static StreamingOutput stream(Path file, long start, long length) {
        return out -> {
            try (FileChannel channel = FileChannel.open(file)) {
                channel.position(start);
                try (InputStream in = Channels.newInputStream(channel)) {
                    byte[] buffer = new byte[64 * 1024];
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

    static Path existing(java.util.Optional<Path> path, String what) {
        return path.filter(Files::isRegularFile).orElseThrow(() -> ProblemException.notFound("no " + what));
    }
}
