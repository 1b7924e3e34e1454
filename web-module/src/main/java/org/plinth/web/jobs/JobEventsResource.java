package org.plinth.web.jobs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
        Long after = lastEventId(lastEventIdHeader, lastEventIdQuery);
        streams.open(caller.get(), jobFilter(job), after, sink, sse);
    }

    /**
     * The answer a GET would start with, without its stream: JAX-RS would otherwise run the GET for
     * a HEAD and keep the connection open for events that a HEAD cannot carry (HostileInputIT met a
     * HEAD that got no answer before its client gave up). The same checks, so the same status.
     */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Response head(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
                         @QueryParam("lastEventId") String lastEventIdQuery, @QueryParam("job") String job) {
        lastEventId(lastEventIdHeader, lastEventIdQuery);
        jobFilter(job);
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }

    private static Long lastEventId(String header, String query) {
        if (header != null && !header.isBlank()) {
            return eventId("Last-Event-ID", header);
        }
        return query == null ? null : eventId("lastEventId", query);
    }

    /** The one job to follow, or null for all; 404 for a job the caller may not read. */
    private String jobFilter(String job) {
        if (job == null) {
            return null;
        }
        if (!job.matches("[A-Za-z0-9-]{1,64}")) {
            throw ProblemException.badRequest("job", "must be a job id");
        }
        return jobs.get(caller.get(), job).id();
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
