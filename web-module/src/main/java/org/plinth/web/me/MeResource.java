package org.plinth.web.me;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.callbacks.CallbackSecret;
import org.plinth.callbacks.CallbackSecrets;
import org.plinth.callbacks.CallbackSignature;
import org.plinth.files.FileService;
import org.plinth.files.Quota;
import org.plinth.files.StorageLimits;
import org.plinth.files.Usage;
import org.plinth.jobs.JobService;
import org.plinth.security.Caller;
import org.plinth.web.security.CurrentCaller;

/** The caller's own view: who they are and where they stand against their limits. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class MeResource {

    @Inject
    CurrentCaller caller;
    @Inject
    FileService files;
    @Inject
    JobService jobs;
    @Inject
    StorageLimits limits;
    @Inject
    CallbackSecrets secrets;

    @GET
    @Operation(summary = "Who you are: your user name and roles")
    public JsonObject me() {
        Caller who = caller.get();
        return Jsons.createObjectBuilder().add("user", who.name())
                .add("roles", Jsons.createArrayBuilder(who.roles().stream().sorted().toList())).build();
    }

    @GET
    @Path("callback-secret")
    @Operation(summary = "Your callback secret: the key of the X-Plinth-Signature HMAC-SHA256 on your jobs' callbacks",
            description = "Made on first use.")
    public JsonObject callbackSecret() {
        return secretView(secrets.of(caller.get().name()));
    }

    @POST
    @Path("callback-secret")
    @Operation(summary = "Replace your callback secret", description = "Deliveries not yet sent are signed with the new one.")
    public JsonObject rotateCallbackSecret() {
        return secretView(secrets.rotate(caller.get()));
    }

    private static JsonObject secretView(CallbackSecret secret) {
        return Jsons.createObjectBuilder().add("secret", secret.secret()).add("createdAt", secret.createdAt().toString())
                .add("algorithm", "HMAC-SHA256").add("header", CallbackSignature.HEADER)
                .add("format", "sha256=<hex of HMAC-SHA256(secret, body bytes)>").build();
    }

    @GET
    @Path("usage")
    @Operation(summary = "Your files and jobs against your quota and the upload limit")
    public JsonObject usage() {
        Caller who = caller.get();
        Usage usage = files.usage(who);
        Quota quota = limits.quota(who.name());
        var jobStates = Jsons.createObjectBuilder();
        long active = 0;
        long total = 0;
        for (Map.Entry<String, Long> e : jobs.countByState(who).entrySet()) {
            jobStates.add(e.getKey(), e.getValue());
            total += e.getValue();
            if (!org.plinth.jobs.JobState.valueOf(e.getKey()).isTerminal()) {
                active += e.getValue();
            }
        }
        return Jsons.createObjectBuilder()
                .add("user", who.name())
                .add("files", Jsons.createObjectBuilder()
                        .add("count", usage.files()).add("bytes", usage.bytes())
                        .add("quotaCount", quota.files()).add("quotaBytes", quota.bytes())
                        .add("uploadLimitBytes", limits.uploadBytes()))
                .add("jobs", Jsons.createObjectBuilder().add("total", total).add("active", active).add("byState", jobStates))
                .add("disk", Jsons.createObjectBuilder().add("freeBytes", limits.freeBytes())
                        .add("minFreeBytes", limits.minFreeBytes()))
                .build();
    }
}
