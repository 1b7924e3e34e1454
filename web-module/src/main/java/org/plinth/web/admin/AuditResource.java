package org.plinth.web.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.problems.ProblemException;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditEvent;
import org.plinth.security.audit.AuditLog;
import org.plinth.security.audit.AuditPage;
import org.plinth.security.audit.AuditQuery;
import org.plinth.web.Params;
import org.plinth.web.security.CurrentCaller;

/** The audit trail, for admins. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AuditResource {

    @Inject
    CurrentCaller caller;
    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Security-relevant events, newest first",
            description = "Filters: user (events by or about that user), action (comma-separated codes such as "
                    + "job.submit, job.cancel, key.create, share.grant, auth.failure-burst), since and until "
                    + "(ISO-8601 instants; since inclusive, until exclusive). Page with offset and limit (at most 500).")
    public JsonObject events(@QueryParam("user") String user, @QueryParam("action") String action,
                             @QueryParam("since") String since, @QueryParam("until") String until,
                             @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        if (!caller.get().isAdmin()) {
            throw ProblemException.forbidden("only an admin may read the audit trail");
        }
        if (user != null && (user.isBlank() || user.length() > 200)) {
            throw ProblemException.badRequest("user", "must be 1 to 200 characters");
        }
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        if (action != null && !action.isBlank()) {
            for (String code : action.split(",")) {
                actions.add(AuditAction.of(code.trim()).orElseThrow(() -> ProblemException.badRequest("action",
                        "unknown action '" + cut(code.trim()) + "'; actions are "
                                + Arrays.stream(AuditAction.values()).map(AuditAction::code).toList())));
            }
        }
        OffsetDateTime from = instant("since", since);
        OffsetDateTime to = instant("until", until);
        int first = (int) Params.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = (int) Params.number("limit", limit, 50, 1, 500);
        AuditPage page = audit.find(new AuditQuery(user, actions, from, to, first, size));
        JsonArrayBuilder events = Jsons.createArrayBuilder();
        page.events().forEach(e -> events.add(view(e)));
        return Jsons.createObjectBuilder().add("events", events).add("total", page.total())
                .add("offset", page.offset()).add("limit", page.limit()).build();
    }

    private static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    private static String cut(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private static JsonObject view(AuditEvent e) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", e.id()).add("at", e.at().toInstant().toString())
                .add("actor", e.actor()).add("action", e.action()).add("outcome", e.outcome())
                .add("byOther", e.byOther());
        optional(b, "address", e.address());
        optional(b, "target", e.target());
        optional(b, "targetOwner", e.targetOwner());
        optional(b, "detail", e.detail());
        return b.build();
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
