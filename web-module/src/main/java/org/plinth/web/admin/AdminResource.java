package org.plinth.web.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
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
    AuditLog audit;

    @POST
    @Path("retention/run")
    @Operation(summary = "Run a retention round now and see what it freed",
            description = "Compresses workspaces of jobs that ended more than plinth.retention.compress-after-days ago, "
                    + "deletes those older than plinth.retention.delete-after-days, and removes upload leftovers.")
    public JsonObject runRetention() {
        requireAdmin();
        RetentionReport r = retention.run();
        audit.record(caller.get(), AuditAction.ADMIN_RETENTION_RUN, "retention", null,
                "compressed=" + r.compressed() + ", deleted=" + r.deleted() + ", freedBytes=" + r.freedBytes());
        return Jsons.createObjectBuilder().add("compressed", r.compressed()).add("deleted", r.deleted())
                .add("freedBytes", r.freedBytes()).add("orphansRemoved", r.orphansRemoved())
                .add("millis", r.millis()).build();
    }

    private void requireAdmin() {
        if (!caller.get().isAdmin()) {
            throw ProblemException.forbidden("only an admin may do this");
        }
    }
}
