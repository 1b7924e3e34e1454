package org.plinth.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form files and provenance show them in. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies in to out and answers the digest of what passed. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = newDigest();
        try (InputStream hashed = new DigestInputStream(in, sha)) {
            hashed.transferTo(out);
        }
        return hex(sha);
    }

    public static String of(Path file) throws IOException {
        return copy(Files.newInputStream(file), OutputStream.nullOutputStream());
    }
}
