package org.plinth.jobs.inputs;

/**
 * One entry of a submit's {@code files} map: a reference (a file id or job:<id>/<path>) to
 * place at a path in the workspace, or, with unpack, an archive to unpack into that folder.
 */
public record FileEntry(String source, boolean unpack) {
}
