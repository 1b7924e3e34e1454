package org.plinth.files;

/**
 * Recognises the operating system's "disk full": ENOSPC ("No space left on device") or EDQUOT
 * ("Disk quota exceeded"). Java has no errno; its IOException carries the C library's message
 * (strerror), which is what is matched here, on the exception and each of its causes.
 */
public final class DiskFull {

    private static final String[] MESSAGES = {"No space left on device", "Disk quota exceeded"};

    private DiskFull() {
    }

    public static boolean causes(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null) {
                for (String m : MESSAGES) {
                    if (message.contains(m)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
