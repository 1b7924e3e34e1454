package org.plinth.files;

/** The most files and bytes one user may store. */
public record Quota(long files, long bytes) {
}
