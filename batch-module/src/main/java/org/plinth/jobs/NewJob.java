package org.plinth.jobs;

import java.util.List;
import org.plinth.api.Resources;
import org.plinth.jobs.inputs.InputSource;

/** A validated request for a job, ready to be stored, with the files it will read (and its sweep, or null). */
public record NewJob(String owner, String appId, String appVersion, String name, List<String> tags,
                     String inputsJson, Resources resources, int gpus, String executor, boolean start,
                     String idempotencyKey, String rerunOf, List<InputSource> inputFiles, String callbackUrl,
                     String sweepJson) {
    public NewJob {
        inputFiles = List.copyOf(inputFiles);
    }
}
