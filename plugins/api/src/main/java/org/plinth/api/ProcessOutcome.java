package org.plinth.api;

import java.nio.file.Path;

/**
 * How a command ended.
 *
 * @param exitCode the process's exit status
 * @param stdout   the file holding its standard output
 * @param stderr   the file holding its standard error
 */
public record ProcessOutcome(int exitCode, Path stdout, Path stderr) {
}
