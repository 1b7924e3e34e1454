package org.plinth.workspace;

import java.time.OffsetDateTime;

/** One file a job left in its workspace, by its path relative to the workspace. */
public record OutputFile(String path, long size, String mediaType, OffsetDateTime modified) {
}
