package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shell-injection attempts through every string input of every available app (issue 9): each
 * value tries to create its own marker file through a shell ($(…), backticks, ;, |, &&,
 * newlines, quote breaking). Every job must end, SUCCEEDED or FAILED with a message, and no
 * marker may ever appear. The script app's {@code script} input is left out (running code is
 * its purpose); its environment variables' names and values are in.
 */
@ExtendWith(PlinthTestServer.class)
class ShellInjectionIT {

    /** Where the markers would appear; the server runs on this machine as this user. */
    private static final Path MARKERS = Path.of(System.getProperty("java.io.tmpdir"));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final Api admin;

    ShellInjectionIT(PlinthTestServer server) {
        this.admin = new Api(server, server.adminKey());
    }

    /** Values that would create the marker {@code m} if a shell ever interpreted them. */
    static List<String> payloads(String m) {
        return List.of(
                "$(touch " + m + ")",
                "`touch " + m + "`",
                "x; touch " + m,
                "x | touch " + m,
                "x && touch " + m,
                "x || touch " + m,
                "x\ntouch " + m + "\n",
                "x\r\ntouch " + m,
                "'; touch " + m + "; '",
                "\"; touch " + m + "; \"",
                "' \"$(touch " + m + ")\" '",
                "\\\"`touch " + m + "`\\\"",
                "x > " + m,
                "<(touch " + m + ")",
                "${IFS}$(touch${IFS}" + m + ")",
                "-o" + m,
                "--output=" + m);
    }

    @Test
    void noStringInputOfAnyAppReachesAShell() throws IOException {
        HttpResponse<String> list = admin.get("/apps");
        assertEquals(200, list.statusCode(), list.body());
        Map<String, int[]> perApp = new TreeMap<>(); // submitted, accepted, succeeded, failed
        List<Path> markers = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        int n = 0;
        long t0 = System.nanoTime();
        for (JsonValue v : Api.json(list).getJsonArray("apps")) {
            JsonObject app = v.asJsonObject();
            String id = app.getString("id");
            if (!app.getJsonObject("availability").getBoolean("available")) {
                System.out.printf("[shell-injection] %s skipped: not available here (%s)%n", id,
                        app.getJsonObject("availability").getString("reason", "no reason given"));
                continue;
            }
            JsonObject schema = Api.json(admin.get("/apps/" + id)).getJsonObject("inputs");
            JsonObject properties = schema.getJsonObject("properties");
            Function<Map<String, JsonValue>, JsonObject> inputs = overrides -> {
                JsonObjectBuilder b = Json.createObjectBuilder(base(id, schema));
                overrides.forEach(b::add);
                return b.build();
            };
            int[] counts = perApp.computeIfAbsent(id, k -> new int[4]);
            for (Map.Entry<String, JsonValue> p : properties.entrySet()) {
                String input = p.getKey();
                JsonObject type = p.getValue().asJsonObject();
                if (id.equals("script") && input.equals("script")) {
                    continue; // running code is the script app's purpose
                }
                boolean string = "string".equals(type.getString("type", ""));
                boolean map = "object".equals(type.getString("type", "")) && type.containsKey("additionalProperties");
                if (!string && !map) {
                    continue;
                }
                for (int variant = 0; variant < payloads("m").size(); variant++) {
                    List<Map<String, JsonValue>> attempts = new ArrayList<>();
                    if (string) {
                        Path m = marker(++n, markers);
                        attempts.add(Map.of(input, Json.createValue(payloads(m.toString()).get(variant))));
                    } else {
                        Path value = marker(++n, markers);
                        Path name = marker(++n, markers);
                        attempts.add(Map.of(input, Json.createObjectBuilder()
                                .add("SAFE_NAME", payloads(value.toString()).get(variant)).build()));
                        attempts.add(Map.of(input, Json.createObjectBuilder()
                                .add(payloads(name.toString()).get(variant), "x").build()));
                    }
                    for (Map<String, JsonValue> attempt : attempts) {
                        counts[0]++;
                        String body = Json.createObjectBuilder().add("app", id).add("name", "shell-injection")
                                .add("inputs", inputs.apply(attempt)).build().toString();
                        HttpResponse<String> r = admin.post("/jobs", body);
                        if (r.statusCode() == 201) {
                            counts[1]++;
                            jobs.add(Api.json(r).getString("id") + " " + id);
                        } else {
                            // refused by validation: a problem naming the field, never a 5xx
                            Api.problem(r, r.statusCode());
                            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.body());
                        }
                    }
                }
            }
        }
        assertFalse(perApp.isEmpty(), "no app is available here");
        for (String job : jobs) {
            String[] idAndApp = job.split(" ");
            JsonObject end = admin.awaitState(idAndApp[0], Api.TERMINAL, Duration.ofSeconds(180));
            String state = end.getString("state");
            int[] counts = perApp.get(idAndApp[1]);
            if (state.equals("SUCCEEDED")) {
                counts[2]++;
            } else if (state.equals("FAILED")) {
                counts[3]++;
                boolean explained = end.getJsonArray("history").stream()
                        .anyMatch(t -> t.asJsonObject().containsKey("message") && !t.asJsonObject().getString("message").isBlank());
                assertTrue(explained, "a FAILED job without a message: " + end);
            } else {
                fail("job " + job + " ended " + state + ": " + end);
            }
        }
        List<Path> appeared = markers.stream().filter(Files::exists).toList();
        perApp.forEach((app, c) -> System.out.printf(
                "[shell-injection] %-14s %3d attempts: %3d accepted (%d succeeded, %d failed), %3d refused by validation%n",
                app, c[0], c[1], c[2], c[3], c[0] - c[1]));
        System.out.printf("[shell-injection] %d markers watched, %d appeared, in %.1f s%n", markers.size(), appeared.size(),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(appeared.isEmpty(), "a shell ran an input: " + appeared);
        assertTrue(perApp.values().stream().mapToInt(c -> c[1]).sum() > 0, "no attempt was even accepted: nothing ran");
    }

    private static Path marker(int n, List<Path> markers) throws IOException {
        Path m = MARKERS.resolve("pwned-" + RUN + "-" + n);
        Files.deleteIfExists(m);
        markers.add(m);
        return m;
    }

    /** A valid value for each required input: its default, its first choice, or a real file. */
    private JsonObject base(String app, JsonObject schema) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        List<String> required = schema.containsKey("required")
                ? schema.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).toList()
                : List.of();
        for (String name : required) {
            JsonObject p = schema.getJsonObject("properties").getJsonObject(name);
            if (app.equals("script") && name.equals("script")) {
                // prints what arrived, so the values are used, not just passed
                b.add(name, "printenv > env.txt; true");
            } else if (p.containsKey("default")) {
                b.add(name, p.get("default"));
            } else if (p.containsKey("enum")) {
                b.add(name, p.getJsonArray("enum").get(0));
            } else if ("plinth-file".equals(p.getString("format", ""))) {
                b.add(name, imageId());
            } else if ("string".equals(p.getString("type", ""))) {
                b.add(name, "x");
            } else {
                fail("no valid value known for the required input " + app + "." + name + ": " + p);
            }
        }
        return b.build();
    }

    private String imageId;

    /** A small FITS image with nothing in it: source-finder's jobs run (and find nothing). */
    private String imageId() {
        if (imageId == null) {
            imageId = admin.upload("injection.fits", SourceFinderIT.fits(new float[32][32], false)).getString("id");
        }
        return imageId;
    }
}
