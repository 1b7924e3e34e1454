package org.plinth.apps.hyphy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HyPhy's reason for failing. On an error it writes {@code errors.log} in its working
 * directory ("Error:" then the message, then the call stack) and prints the same block on stdout
 * with ANSI colours; its stderr only says "Check errors.log". The message is the text between
 * "Error:" and the first blank line.
 */
final class HyphyFailure {

    static final String ERRORS_LOG = "errors.log";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final int MAX_LENGTH = 500;

    private HyphyFailure() {
    }

    /** The message from errors.log, else from stdout; null when neither has one. */
    static String explain(Path workspace, Path stdout) {
        String fromLog = read(workspace.resolve(ERRORS_LOG));
        String message = fromLog == null ? null : message(fromLog);
        if (message == null) {
            String out = read(stdout);
            message = out == null ? null : message(out);
        }
        return message;
    }

    static String message(String text) {
        List<String> lines = ANSI.matcher(text).replaceAll("").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("Error:")) {
                continue;
            }
            // errors.log has "Error:<message>" and then the message again; stdout has "Error:" alone
            // and the message on the lines below it
            StringBuilder m = new StringBuilder(line.substring("Error:".length()).strip());
            for (int j = i + 1; m.length() == 0 && j < lines.size() && !lines.get(j).isBlank(); j++) {
                String next = lines.get(j).strip();
                if (next.startsWith("Function call stack")) {
                    break;
                }
                m.append(m.length() == 0 ? "" : " ").append(next);
            }
            String s = m.toString().strip();
            if (!s.isEmpty()) {
                return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "…";
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            // the tail is enough and keeps a runaway log from filling memory
            long size = Files.size(file);
            try (var in = Files.newInputStream(file)) {
                in.skipNBytes(Math.max(0, size - 65_536));
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }
}
