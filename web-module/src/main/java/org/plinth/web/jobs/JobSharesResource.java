package org.plinth.web.jobs;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.jobs.JobSharing;
import org.plinth.security.sharing.JobShare;
import org.plinth.web.Params;
import org.plinth.web.security.CurrentCaller;

/** Who else may read a job; only its owner or an admin may change or see that. */
@Path("jobs/{id}/shares")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobSharesResource {

    @Inject
    JobSharing sharing;
    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The users a job is shared with")
    public JsonObject list(@PathParam("id") String id) {
        String jobId = Params.id(id, "job");
        JsonArrayBuilder shares = Jsons.createArrayBuilder();
        sharing.list(caller.get(), jobId).forEach(s -> shares.add(view(s)));
        return Jsons.createObjectBuilder().add("jobId", jobId).add("shares", shares).build();
    }

    @PUT
    @Path("{user}")
    @Operation(summary = "Let a user read the job (status, logs, outputs, archive, result; its outputs as inputs)",
            description = "201 when granted now, 200 when the user had it already. The user cannot cancel, restart, "
                    + "rerun or delete it. Shared jobs appear in the user's GET /jobs?shared=true.")
    public Response grant(@PathParam("id") String id, @PathParam("user") String user) {
        String jobId = Params.id(id, "job");
        boolean created = sharing.grant(caller.get(), jobId, user);
        JsonObject body = Jsons.createObjectBuilder().add("jobId", jobId).add("user", user).build();
        return created ? Response.created(URI.create("/api/v1/jobs/" + jobId + "/shares/" + user)).entity(body).build()
                : Response.ok(body).build();
    }

    @DELETE
    @Path("{user}")
    @Operation(summary = "Take a user's read access back (at once)")
    public Response revoke(@PathParam("id") String id, @PathParam("user") String user) {
        sharing.revoke(caller.get(), Params.id(id, "job"), user);
        return Response.noContent().build();
    }

    private static JsonObject view(JobShare s) {
        return Jsons.createObjectBuilder().add("user", s.grantee()).add("grantedBy", s.grantedBy())
                .add("grantedAt", s.grantedAt().toInstant().toString()).build();
    }
}
