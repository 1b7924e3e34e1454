package org.plinth.apps.sourcefinder;

import java.util.List;

/** The app's inputs with their declared defaults, as the host would bind an empty request. */
final class Inputs {

    private Inputs() {
    }

    static SourceFinderInputs defaults(String image) {
        return new SourceFinderInputs(image, 3.0, 3.0, 5, true, "gauss_2.0_5x5", 32, 0.005, true, 1.0, 64, 3,
                "GLOBAL", List.of(5.0), 2.5, 3.5, 0.0, 0.0, 50000.0, 0.0, "asinh", 1000);
    }
}
