package org.plinth.apps.astra;

/** A namelist that cannot be read, with the line where reading stopped: the user's to fix. */
public class NamelistException extends Exception {

    private final int line;

    public NamelistException(int line, String message) {
        super("line " + line + ": " + message, null, false, false);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
