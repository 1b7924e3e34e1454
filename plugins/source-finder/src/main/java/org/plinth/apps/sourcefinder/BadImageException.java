package org.plinth.apps.sourcefinder;

/** The input file is not an image a finder can search; the message says why, for the user. */
public class BadImageException extends Exception {

    public BadImageException(String message) {
        super(message);
    }
}
