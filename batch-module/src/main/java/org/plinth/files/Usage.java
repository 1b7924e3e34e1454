package org.plinth.files;

/** How many files a user stores and how many bytes they take. */
public record Usage(long files, long bytes) {
}
