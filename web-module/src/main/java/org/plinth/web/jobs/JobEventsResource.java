package org.plinth.web.jobs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.problems.ProblemException;
import org.plinth.jobs.JobService;
import org.plinth.web.security.CurrentCaller;

/**
 * Job events as server-sent events. A literal path beats {@code jobs/{id}}, so "events" is never
 * taken for a job id.
 */
@Path("jobs/events")
@Tag(name = "jobs")
public class JobEventsResource {

    @Inject
    CurrentCaller caller;
    @Inject
    EventStreams streams;
    @Inject
    JobService jobs;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow jobs live (text/event-stream)", description = "Every state change (event job.state, "
            + "with an id) and progress report (job.progress) of the jobs you may read: your own, all for an admin, "
            + "and those shared with you. Data is the event as JSON. Send Last-Event-ID (or ?lastEventId=) to get "
            + "the state changes you missed first; ?job= follows one job. A comment line every 15 s keeps the "
            + "connection open.")
    public void events(@Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery, @QueryParam("job") String job) {
        Long after = null;
        if (lastEventIdHeader != null && !lastEventIdHeader.isBlank()) {
            after = eventId("Last-Event-ID", lastEventIdHeader);
        } else if (lastEventIdQuery != null) {
            after = eventId("lastEventId", lastEventIdQuery);
        }
        String jobFilter = null;
        if (job != null) {
            if (!job.matches("[A-Za-z0-9-]{1,64}")) {
                throw ProblemException.badRequest("job", "must be a job id");
            }
            jobFilter = jobs.get(caller.get(), job).id(); // 404 for a job the caller may not read
        }
        streams.open(caller.get(), jobFilter, after, sink, sse);
    }

    private static long eventId(String field, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, "must be an event id: a whole number of at least 0");
    }
}
