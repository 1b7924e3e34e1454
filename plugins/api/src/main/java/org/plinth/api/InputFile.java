package org.plinth.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} input that names a file: the id of an uploaded file, or
 * {@code job:<jobId>/<path>} for an output of an earlier job. The host checks at submit that
 * the caller may read it, stages it into the workspace before the app runs, and hands the app
 * the staged file's path relative to the workspace in place of the reference. So an app never
 * sees another user's files or a path outside its workspace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface InputFile {
}
