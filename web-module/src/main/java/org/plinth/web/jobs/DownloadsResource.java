package org.plinth.web.jobs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.downloads.DownloadLinks;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobService;
import org.plinth.problems.ProblemException;
import org.plinth.web.security.Public;

/** Following a download link (GET /jobs/{id}/download-link): the file as an attachment, streamed. */
@Path("downloads")
@Tag(name = "jobs")
public class DownloadsResource {

    @Inject
    DownloadLinks links;
    @Inject
    JobService jobs;
    @Inject
    JobFileResponses files;

    @GET
    @Path("{token}")
    @Public
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file a download link names (no credential: the link is one, for a few minutes); supports Range",
            description = "404 for a link that is not one of ours or whose job or file is gone, or that its user may no "
                    + "longer read; 410 once it expired (ask for a new one).")
    public Response download(@PathParam("token") String token, @HeaderParam("Range") String range) throws IOException {
        DownloadLinks.Grant grant;
        try {
            grant = links.verify(token);
        } catch (DownloadLinks.Refused refused) {
            throw refused.why() == DownloadLinks.Refusal.EXPIRED
                    ? new ProblemException(410, "Gone", "this download link expired; ask for a new one")
                    : ProblemException.notFound("no such download");
        }
        Job job = jobs.get(grant.caller(), grant.jobId()); // the access rule again: a share taken back ends the link
        return grant.path() == null ? files.archive(job, null, range) : files.output(job, grant.path(), range, true);
    }
}
