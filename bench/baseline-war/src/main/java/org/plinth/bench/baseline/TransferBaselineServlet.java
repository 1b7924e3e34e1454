package org.plinth.bench.baseline;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The least a servlet on this server can do to move a file over HTTP, the floor under Plinth's
 * uploads and downloads:
 * <ul>
 * <li>{@code POST /transfer/{name}[?sha256=true]}: the request body into a file (256 KiB reads,
 * {@code FileChannel} writes, fsync at the end), optionally hashed on the way; answers the size
 * (and the hash) as text. No temporary file, no rename, no record, no quota.</li>
 * <li>{@code GET /transfer/{name}}: that file to the response in 256 KiB writes, with its length.</li>
 * </ul>
 * Files live in {@code baseline-files/} of the domain, so on the disk of Plinth's data; names are
 * plain ({@code [A-Za-z0-9._-]}, no leading dot), so nothing outside that folder is reachable.
 */
@WebServlet("/transfer/*")
public class TransferBaselineServlet extends HttpServlet {

    private static final int CHUNK = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path file = file(request, response);
        if (file == null) {
            return;
        }
        MessageDigest sha = Boolean.parseBoolean(request.getParameter("sha256")) ? sha256() : null;
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        try (InputStream in = request.getInputStream();
             FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (sha != null) {
                    sha.update(buffer, 0, n);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
            }
            out.force(true);
        }
        response.setContentType("text/plain");
        response.getWriter().println("size " + size + (sha == null ? "" : " sha256 " + HexFormat.of().formatHex(sha.digest())));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path file = file(request, response);
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            response.sendError(404);
            return;
        }
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(Files.size(file));
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file); OutputStream out = response.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path file = file(request, response);
        if (file != null) {
            Files.deleteIfExists(file);
            response.setStatus(204);
        }
    }

    /** The named file in the folder, or null after answering 400 for a name that is not plain. */
    private static Path file(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!NAME.matcher(name).matches()) {
            response.sendError(400, "a plain file name, [A-Za-z0-9._-]");
            return null;
        }
        Path folder = Path.of(System.getProperty("com.sun.aas.instanceRoot", System.getProperty("java.io.tmpdir")), "baseline-files");
        Files.createDirectories(folder);
        return folder.resolve(name);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
