package org.plinth.apps.hyphy;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.plinth.api.Jsons;

/** Test resources: HyPhy 2.5.46's JSON for the Drosophila adh data, trimmed to the keys the apps read. */
final class Resources {

    private Resources() {
    }

    static JsonObject json(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/hyphy/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Jsons.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/hyphy/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
