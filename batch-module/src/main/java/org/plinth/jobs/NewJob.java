package org.plinth.jobs;

import java.util.List;
import org.plinth.api.Resources;

/** A validated request for a job, ready to be stored. */
public record NewJob(String owner, String appId, String appVersion, String name, List<String> tags,
                     String inputsJson, Resources resources, String executor, boolean start,
                     String idempotencyKey, String rerunOf) {
}
