package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Adding a plugin jar to the EAR adds an app, with no other change: the test packs the
 * GreeterApp classes into a jar, puts it in a copy of the EAR's lib/, redeploys, and runs the
 * new app through the API. The original EAR is deployed again afterwards.
 */
@ExtendWith(PlinthTestServer.class)
class PluginJarIT {

    private final PlinthTestServer server;
    private final Api admin;

    PluginJarIT(PlinthTestServer server) {
        this.server = server;
        this.admin = new Api(server, server.adminKey());
    }

    @Test
    void aJarInLibAddsAnApp() throws Exception {
        Path ear = server.server().config().ear();
        assertFalse(admin.get("/apps").body().contains("\"greeter\""), "greeter must not exist before the jar is added");
        Path dir = Files.createTempDirectory("plugin-it");
        Path jar = pluginJar(dir.resolve("greeter.jar"));
        Path augmented = withLibrary(ear, jar, dir.resolve("plinth-with-greeter.ear"));
        try {
            redeploy(augmented);
            JsonObject describe = Api.json(admin.get("/apps/greeter"));
            assertEquals("Greeter", describe.getString("title"));
            assertEquals(List.of("name"), describe.getJsonObject("inputs").getJsonArray("required")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertEquals(1, describe.getJsonObject("inputs").getJsonObject("properties").getJsonObject("times").getInt("default"));

            JsonObject job = admin.submit("{\"app\": \"greeter\", \"inputs\": {\"name\": \"Ada\", \"times\": 2}}");
            JsonObject done = admin.awaitEnd(job.getString("id"));
            assertEquals("SUCCEEDED", done.getString("state"), done.toString());
            assertEquals("Hello, Ada!\nHello, Ada!\n", admin.get("/jobs/" + job.getString("id") + "/outputs/greeting.txt").body());
            assertEquals("greeted Ada", Api.json(admin.get("/jobs/" + job.getString("id") + "/result")).getString("summary"));
            Api.problem(admin.post("/jobs", "{\"app\": \"greeter\", \"inputs\": {\"name\": \"Ada\", \"times\": 11}}"), 400);

            // an input marked @InputFile: a file id in the request, the staged file's path in the app
            String guests = admin.upload("guests.txt", "Grace\nAlan\n".getBytes()).getString("id");
            assertEquals("plinth-file", describe.getJsonObject("inputs").getJsonObject("properties")
                    .getJsonObject("guests").getString("format"));
            String withGuests = admin.submit("{\"app\": \"greeter\", \"inputs\": {\"name\": \"Ada\", \"guests\": \""
                    + guests + "\"}}").getString("id");
            JsonObject greeted = admin.awaitEnd(withGuests);
            assertEquals("SUCCEEDED", greeted.getString("state"), greeted.toString());
            assertEquals(guests, greeted.getJsonObject("inputs").getString("guests"), "the job keeps the reference");
            assertEquals("inputs/guests/guests.txt", greeted.getJsonArray("files").getJsonObject(0).getString("path"));
            assertEquals("Hello, Ada and Grace and Alan!\n", admin.get("/jobs/" + withGuests + "/outputs/greeting.txt").body());
            JsonObject bad = Api.problem(admin.post("/jobs", "{\"app\": \"greeter\", \"inputs\": {\"name\": \"Ada\", "
                    + "\"guests\": \"job:not-a-job/x\"}}"), 400);
            assertEquals("inputs.guests", bad.getJsonArray("errors").getJsonObject(0).getString("field"));
            assertTrue(Http.get(server.baseUrl() + "/openapi", null).body().contains("\"greeter-inputs\""),
                    "the new app's inputs must be in the OpenAPI document");
        } finally {
            redeploy(ear);
        }
        assertFalse(admin.get("/apps").body().contains("\"greeter\""));
    }

    private void redeploy(Path ear) {
        server.server().domain().deploy(ear, "plinth");
        long deadline = System.currentTimeMillis() + 120_000;
        while (Http.get(server.baseUrl() + "/health/ready", null).statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "not ready after redeploy");
            Api.sleep(250);
        }
    }

    /** The plugin's classes, as a third party would ship them: a jar with a beans.xml. */
    private static Path pluginJar(Path target) throws IOException {
        Path classes = Path.of("target/test-classes");
        Path pkg = classes.resolve("org/plinth/systemtests/plugin");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(new JarEntry("META-INF/beans.xml"));
            out.write("""
                    <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
                    """.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.list(pkg)) {
                for (Path file : files.toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private static Path withLibrary(Path ear, Path jar, Path target) throws IOException {
        try (ZipFile in = new ZipFile(ear.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
            Files.copy(jar, (OutputStream) out);
            out.closeEntry();
        }
        return target;
    }
}
