package org.plinth.apps.hyphy;

import java.util.Optional;

/**
 * How far a HyPhy run is, read from its stdout: HyPhy announces each phase of an analysis with
 * a "### " heading (branch lengths under GTR, the global model, the grid, the site tests …).
 * The fraction is the share of a method's phases seen so far, an estimate (phases differ in
 * length), held below 1 until the run ends; the message is the latest heading.
 */
record HyphyProgress(double fraction, String phase) {

    static final double CAP = 0.95;

    /** The progress in this stdout, if HyPhy has announced a phase yet. */
    static Optional<HyphyProgress> of(String stdout, int phases) {
        int seen = 0;
        String last = null;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("### ")) {
                seen++;
                last = line.substring(4).strip();
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(new HyphyProgress(Math.min(CAP, (double) seen / Math.max(1, phases)), last));
    }
}
