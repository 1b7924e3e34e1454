package org.plinth.web.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.executors.slurm.SlurmException;
import org.plinth.executors.slurm.SlurmExecutor;
import org.plinth.executors.LocalExecutor;
import org.plinth.executors.slurm.SlurmPing;
import org.plinth.executors.slurm.SlurmProbe;
import org.plinth.executors.slurm.SlurmTokens;
import org.plinth.problems.ProblemException;
import org.plinth.retention.Retention;
import org.plinth.retention.RetentionReport;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;
import org.plinth.web.security.CurrentCaller;

/** What only admins may do to the service as a whole. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    @Inject
    CurrentCaller caller;
    @Inject
    Retention retention;
    @Inject
    SlurmExecutor slurm;
    @Inject
    SlurmProbe probe;
    @Inject
    org.plinth.jobs.JobScheduler scheduler;
    @Inject
    org.plinth.jobs.JobService jobs;
    @Inject
    AuditLog audit;

    @POST
    @Path("retention/run")
    @Operation(summary = "Run a retention round now and see what it freed",
            description = "Stores the outputs apps name (ASTRA's particle files) compact in jobs that ended more than "
                    + "plinth.retention.compact-after-days ago, compresses workspaces of jobs that ended more than "
                    + "plinth.retention.compress-after-days ago, deletes those older than plinth.retention.delete-after-days, "
                    + "and removes upload leftovers.")
    public JsonObject runRetention() {
        requireAdmin();
        RetentionReport r = retention.run();
        audit.record(caller.get(), AuditAction.ADMIN_RETENTION_RUN, "retention", null,
                "compacted=" + r.compacted() + ", compressed=" + r.compressed() + ", deleted=" + r.deleted()
                        + ", freedBytes=" + r.freedBytes());
        return Jsons.createObjectBuilder().add("compacted", r.compacted()).add("compactedFiles", r.compactedFiles())
                .add("compressed", r.compressed()).add("deleted", r.deleted())
                .add("freedBytes", r.freedBytes()).add("orphansRemoved", r.orphansRemoved())
                .add("millis", r.millis()).build();
    }

    @GET
    @Path("executors")
    @Operation(summary = "The executors' health: local capacity in use; SLURM's ping, diag, API version, token expiry, "
            + "path probe and last error")
    public JsonObject executors() {
        requireAdmin();
        var local = Jsons.createObjectBuilder().add("cores", scheduler.localCores())
                .add("coresInUse", jobs.coresInUse(LocalExecutor.NAME));
        var s = Jsons.createObjectBuilder().add("enabled", slurm.enabled());
        if (slurm.enabled()) {
            s.add("apiVersion", slurm.api().version()).add("coresInUse", jobs.coresInUse(SlurmExecutor.NAME))
                    .add("maxCores", slurm.capacityCores());
            try {
                SlurmPing ping = slurm.api().ping();
                s.add("up", ping.up()).add("release", ping.release() == null ? "" : ping.release());
                var diag = slurm.api().diag();
                s.add("diag", diag);
            } catch (SlurmException e) {
                s.add("up", false).add("error", String.valueOf(e.getMessage()));
            }
            SlurmTokens tokens = slurm.client().tokens();
            s.add("tokenSource", tokens.minting() ? "minted" : "configured");
            tokens.expiresAt().ifPresent(at -> s.add("tokenExpiresAt", at.toString()));
            SlurmProbe.Outcome paths = probe.outcome();
            s.add("pathProbe", Jsons.createObjectBuilder().add("state", paths.state()).add("detail", paths.detail())
                    .add("at", paths.at().toString()));
            slurm.client().lastError().ifPresent(e -> s.add("lastError", e));
        }
        return Jsons.createObjectBuilder().add("local", local).add("slurm", s).build();
    }

    @PUT
    @Path("slurm/token")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Replace the token Plinth uses with slurmrestd (plinth.executors.slurm.auth=token)",
            description = "A plain-text body, or JSON {\"token\": \"…\"}; takes effect at once, jobs keep running.")
    public JsonObject replaceSlurmToken(String body) {
        requireAdmin();
        if (!slurm.enabled()) {
            throw ProblemException.conflict("the SLURM executor is not enabled (plinth.executors.slurm.enabled)");
        }
        String token = body == null ? "" : body.strip();
        if (token.startsWith("{")) {
            try {
                token = Jsons.createReader(new java.io.StringReader(token)).readObject().getString("token", "");
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("token", "must be a JSON string (or send the token as text/plain)");
            }
        }
        if (token.isBlank() || token.length() > 8192 || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.badRequest("token", "must be a non-empty printable token without spaces");
        }
        SlurmTokens tokens = slurm.client().tokens();
        if (tokens.minting()) {
            throw ProblemException.conflict("Plinth mints its own SLURM tokens (plinth.executors.slurm.auth=mint); "
                    + "there is no token to replace");
        }
        tokens.replace(token);
        audit.record(caller.get(), AuditAction.ADMIN_SLURM_TOKEN, "slurm", null, "token replaced"); // never the token itself
        var b = Jsons.createObjectBuilder().add("replaced", true);
        tokens.expiresAt().ifPresent(at -> b.add("tokenExpiresAt", at.toString()));
        return b.build();
    }

    private void requireAdmin() {
        if (!caller.get().isAdmin()) {
            throw ProblemException.forbidden("only an admin may do this");
        }
    }
}
