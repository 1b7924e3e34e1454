package org.plinth.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * An app whose finished jobs keep large outputs that the host's retention may store in a smaller
 * form of the app's own design (ASTRA's particle files as float32 with a bounded relative error,
 * as the ASTRA web API does), and give back in their own format whenever they are read. An app
 * implements this beside {@link ProcessApp} or {@link InProcessApp}; the host decides when (its
 * retention settings), the app decides what and how.
 *
 * @param <I> the app's inputs, as for {@link App}
 */
public interface CompactOutputs<I extends Record> {

    /**
     * One output to store compact.
     *
     * @param path          relative to the workspace the app was given
     * @param relativeError the largest relative error of any number its user allows; 0: lossless
     */
    record Compactable(String path, double relativeError) {
    }

    /** The outputs of a finished job, in {@code workspace}, to store compact; empty for none. */
    List<Compactable> compactable(I inputs, Path workspace) throws IOException;

    /**
     * Writes the compact form of {@code original} to {@code compact}. Throws when the file is not
     * what the app expected: the host then keeps it as it is.
     */
    void compact(Path original, Path compact, double relativeError) throws IOException;

    /** Writes the output in its own format again, from its compact form. */
    void restore(Path compact, OutputStream out) throws IOException;
}
