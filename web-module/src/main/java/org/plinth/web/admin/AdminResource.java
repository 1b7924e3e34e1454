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
import org.plinth.executors.slurm.SlurmPing;
import org.plinth.executors.slurm.SlurmTokens;
import org.plinth.problems.ProblemException;
import org.plinth.retention.Retention;
import org.plinth.retention.RetentionReport;
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

    @POST
    @Path("retention/run")
    @Operation(summary = "Run a retention round now and see what it freed",
            description = "Compresses workspaces of jobs that ended more than plinth.retention.compress-after-days ago, "
                    + "deletes those older than plinth.retention.delete-after-days, and removes upload leftovers.")
    public JsonObject runRetention() {
        requireAdmin();
        RetentionReport r = retention.run();
        return Jsons.createObjectBuilder().add("compressed", r.compressed()).add("deleted", r.deleted())
                .add("freedBytes", r.freedBytes()).add("orphansRemoved", r.orphansRemoved())
                .add("millis", r.millis()).build();
    }

    @GET
    @Path("slurm")
    @Operation(summary = "The SLURM executor's health: ping, API version, token expiry, last error")
    public JsonObject slurm() {
        requireAdmin();
        var b = Jsons.createObjectBuilder().add("enabled", slurm.enabled());
        if (!slurm.enabled()) {
            return b.build();
        }
        b.add("apiVersion", slurm.api().version());
        try {
            SlurmPing ping = slurm.api().ping();
            b.add("up", ping.up()).add("controllers", ping.controllers() == null ? "" : String.valueOf(ping.controllers()))
                    .add("release", ping.release() == null ? "" : ping.release());
        } catch (SlurmException e) {
            b.add("up", false).add("error", String.valueOf(e.getMessage()));
        }
        SlurmTokens tokens = slurm.client().tokens();
        b.add("tokenSource", tokens.minting() ? "minted" : "configured");
        tokens.expiresAt().ifPresent(at -> b.add("tokenExpiresAt", at.toString()));
        slurm.client().lastError().ifPresent(e -> b.add("lastError", e));
        return b.build();
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
