package org.plinth.apps.astra;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The genuine ASTRA files of src/test/resources/astra (origins and licences in its README.txt). */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/astra/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + relative, e);
        }
    }

    static String text(String relative) throws IOException {
        return Files.readString(path(relative), StandardCharsets.ISO_8859_1);
    }
}
