package org.plinth.jobs.inputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.plinth.apps.InputBinder;
import org.plinth.files.FileRecords;
import org.plinth.files.StoredFile;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobStore;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.security.sharing.JobAccess;
import org.plinth.workspace.Workspaces;

/**
 * Checks, at submit, every file a job will read: that the reference is well formed, that the
 * file or the other job's output exists, and that the caller may read it. Answers where each
 * goes in the workspace; the batch job's stage step puts it there.
 */
@ApplicationScoped
public class InputReferences {

    public static final String JOB_PREFIX = "job:";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Where files for app inputs are staged: inputs/<input name>/<file name>. */
    static final String INPUTS_DIR = "inputs";

    @Inject
    FileRecords files;
    @Inject
    JobStore jobs;
    @Inject
    Workspaces workspaces;
    @Inject
    org.plinth.retention.CompactedOutputs compacted;
    @Inject
    JobAccess access;

    /** Resolves the app inputs marked as files and the files map, or refuses naming each bad field. */
    public List<InputSource> resolve(Caller caller, Class<? extends Record> inputType, JsonObject inputs,
                                     Map<String, FileEntry> filesMap) {
        List<FieldError> errors = new ArrayList<>();
        List<InputSource> sources = new ArrayList<>();
        for (String input : InputBinder.fileInputs(inputType)) {
            JsonValue value = inputs.get(input);
            if (value instanceof JsonString text) { // other types are the binder's to refuse
                resolve(caller, "inputs." + input, text.getString(), null, input, false, errors).ifPresent(sources::add);
            }
        }
        filesMap.forEach((path, entry) -> {
            String field = "files." + path;
            if (!Workspaces.isSafeRelative(path)) {
                errors.add(new FieldError(field, "must be a relative path inside the workspace (no leading /, "
                        + "no .. or empty parts, not .plinth)"));
                return;
            }
            resolve(caller, field, entry.source(), path, null, entry.unpack(), errors).ifPresent(sources::add);
        });
        checkDistinct(sources, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " file references are invalid", errors);
        }
        return sources;
    }

    /** The sources of an earlier job again, checked anew (a rerun: the caller may have lost access). */
    public List<InputSource> resolveAgain(Caller caller, List<JobInput> earlier) {
        List<FieldError> errors = new ArrayList<>();
        List<InputSource> sources = new ArrayList<>();
        for (JobInput i : earlier) {
            String field = i.inputField() != null ? "inputs." + i.inputField() : "files." + i.path();
            resolve(caller, field, i.source(), i.inputField() != null ? null : i.path(), i.inputField(), i.unpack(), errors)
                    .ifPresent(sources::add);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the earlier job's files cannot be used again: "
                    + errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        return sources;
    }

    private Optional<InputSource> resolve(Caller caller, String field, String reference, String path, String input,
                                          boolean unpack, List<FieldError> errors) {
        if (reference.startsWith(JOB_PREFIX)) {
            return jobOutput(caller, field, reference, path, input, unpack, errors);
        }
        if (!ID.matcher(reference).matches()) {
            errors.add(new FieldError(field, "must be an uploaded file's id or job:<jobId>/<path>"));
            return Optional.empty();
        }
        Optional<StoredFile> file = files.find(reference).filter(f -> caller.canSee(f.owner()));
        if (file.isEmpty()) {
            errors.add(new FieldError(field, "no file " + reference));
            return Optional.empty();
        }
        String target = path != null ? path : INPUTS_DIR + "/" + input + "/" + file.get().name();
        return Optional.of(new InputSource(target, reference, reference, null, null, input, unpack));
    }

    private Optional<InputSource> jobOutput(Caller caller, String field, String reference, String path, String input,
                                            boolean unpack, List<FieldError> errors) {
        String rest = reference.substring(JOB_PREFIX.length());
        int slash = rest.indexOf('/');
        String jobId = slash < 0 ? rest : rest.substring(0, slash);
        String output = slash < 0 ? "" : rest.substring(slash + 1);
        if (!ID.matcher(jobId).matches() || !Workspaces.isSafeRelative(output)) {
            errors.add(new FieldError(field, "must be job:<jobId>/<path of an output inside that job's workspace>"));
            return Optional.empty();
        }
        Optional<Job> job = jobs.find(jobId).filter(j -> access.canRead(caller, j.id(), j.owner()));
        if (job.isEmpty()) {
            errors.add(new FieldError(field, "no job " + jobId));
            return Optional.empty();
        }
        if (!job.get().state().isTerminal()) {
            errors.add(new FieldError(field, "job " + jobId + " is " + job.get().state()
                    + "; its outputs can be used once it has ended"));
            return Optional.empty();
        }
        if (job.get().workspaceState() != null) {
            errors.add(new FieldError(field, "the workspace of job " + jobId + " was "
                    + job.get().workspaceState().toLowerCase(java.util.Locale.ROOT) + " by retention"));
            return Optional.empty();
        }
        if (workspaces.resolveInside(jobId, output).filter(Files::isRegularFile).isEmpty()
                && compacted.compactFormOf(job.get(), output).isEmpty()) {
            errors.add(new FieldError(field, "job " + jobId + " has no output '" + output + "'"));
            return Optional.empty();
        }
        String name = output.substring(output.lastIndexOf('/') + 1);
        String target = path != null ? path : INPUTS_DIR + "/" + input + "/" + name;
        return Optional.of(new InputSource(target, reference, null, jobId, output, input, unpack));
    }

    /** Two files may not land on one path, nor one inside the other. */
    private static void checkDistinct(List<InputSource> sources, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (InputSource s : sources) {
            for (String other : seen) {
                if (other.equals(s.path()) || other.startsWith(s.path() + "/") || s.path().startsWith(other + "/")) {
                    errors.add(new FieldError(s.inputField() != null ? "inputs." + s.inputField() : "files." + s.path(),
                            "its place in the workspace, " + s.path() + ", collides with " + other));
                }
            }
            seen.add(s.path());
        }
    }
}
