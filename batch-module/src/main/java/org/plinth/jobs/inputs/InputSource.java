package org.plinth.jobs.inputs;

/**
 * Where one staged file of a job comes from, checked at submit: an uploaded file
 * ({@code fileId}) or another job's output ({@code sourceJobId}, {@code sourcePath}), to be
 * placed at {@code path} in the workspace, for the app input {@code inputField} (null for an
 * entry of the files map).
 */
public record InputSource(String path, String source, String fileId, String sourceJobId, String sourcePath,
                          String inputField, boolean unpack) {
}
