package org.plinth.jobs.run;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.plinth.api.Jsons;
import org.plinth.jobs.JsonText;

/**
 * How one point of a sweep ended, kept in the point folder's host directory
 * ({@code points/07/.plinth/point.json}): the collect step builds the sweep's table from these,
 * and a restarted sweep skips the points that succeeded.
 *
 * @param state      SUCCEEDED or FAILED (a point never ends the sweep; a cancel or a timeout does)
 * @param message    why it failed
 * @param cpuMillis  CPU time of its process, when it had one
 */
record PointRecord(int point, String state, String message, String summary, Long cpuMillis) {

    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String FILE = "point.json";

    boolean succeeded() {
        return SUCCEEDED.equals(state);
    }

    static Path file(Path pointDir) {
        return pointDir.resolve(".plinth").resolve(FILE);
    }

    static Optional<PointRecord> read(Path pointDir) {
        Path file = file(pointDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonText.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new PointRecord(o.getInt("point"), o.getString("state"),
                    o.getString("message", null), o.getString("summary", null),
                    o.containsKey("cpuMillis") ? o.getJsonNumber("cpuMillis").longValue() : null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // half written when the server died: the point runs again
        }
    }

    /** Written to a temporary file and renamed, so a reader never sees half a record. */
    void write(Path pointDir) throws IOException {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("point", point).add("state", state);
        if (message != null) {
            b.add("message", message);
        }
        if (summary != null) {
            b.add("summary", summary);
        }
        if (cpuMillis != null) {
            b.add("cpuMillis", cpuMillis);
        }
        Path file = file(pointDir);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(FILE + ".tmp");
        Files.writeString(temp, b.build().toString(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
