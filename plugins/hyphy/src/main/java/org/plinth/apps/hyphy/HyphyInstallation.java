package org.plinth.apps.hyphy;

import java.util.Optional;
import org.plinth.api.Availability;

/**
 * The HyPhy found on this host, looked up once for all seven apps: asking the binary for its
 * version starts a process, and describe asks every app for its availability.
 */
final class HyphyInstallation {

    private static volatile Optional<HyphyBinary> found;

    private HyphyInstallation() {
    }

    static Optional<HyphyBinary> binary() {
        Optional<HyphyBinary> b = found;
        if (b == null) {
            b = HyphyBinary.find();
            // Remember only a success: an admin may install the package while the server runs.
            if (b.isPresent()) {
                found = b;
            }
        }
        return b;
    }

    static Availability availability() {
        return binary().map(b -> Availability.available(b.version()))
                .orElseGet(() -> Availability.unavailable("HyPhy was not found in " + HyphyBinary.BIN_DIR
                        + ": install the Debian package " + HyphyBinary.PACKAGE));
    }

    static HyphyBinary require() {
        return binary().orElseThrow(() -> new IllegalStateException(availability().reason()));
    }
}
