package org.plinth.jobs;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.plinth.jobs.inputs.FileEntry;

/**
 * A submit as the web layer read it: the shape is checked, the inputs are not yet (that needs
 * the app). Null resource fields take the app's defaults (no GPUs: apps declare none).
 * {@code files} maps a path in the workspace to a file to place there; {@code callback},
 * checked, is where each state change is POSTed. {@code sweep}, when not null, names the inputs
 * that vary (checked by the engine against the app).
 */
public record JobRequest(String app, JsonObject inputs, Integer cores, Long memoryMb, Long walltimeSeconds,
                         Integer gpus, String name, List<String> tags, String executor, Map<String, FileEntry> files,
                         String callback, JsonObject sweep) {
}
