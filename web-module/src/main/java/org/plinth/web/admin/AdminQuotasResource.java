package org.plinth.web.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.files.FileRecords;
import org.plinth.files.Quota;
import org.plinth.files.StorageLimits;
import org.plinth.files.Usage;
import org.plinth.files.UserQuotas;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.web.problems.JsonBodies;
import org.plinth.web.security.CurrentCaller;

/** Each user's quota over uploaded files: what configuration gives, and what an admin set instead. */
@Path("admin/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminQuotasResource {

    private static final long MAX_BODY = 4096;

    @Inject
    CurrentCaller caller;
    @Inject
    UserQuotas quotas;
    @Inject
    StorageLimits limits;
    @Inject
    FileRecords files;

    @GET
    @Operation(summary = "The default quota, and every user who stores files or has a quota of their own, with usage",
            description = "source says where a user's quota comes from: 'admin' (PUT /admin/quotas/{user}) or "
                    + "'configuration' (plinth.quota.user.<name>.*, else plinth.quota.files-per-user / bytes-per-user).")
    public JsonObject list() {
        requireAdmin();
        Map<String, Usage> usage = files.usageByOwner();
        Map<String, UserQuotas.UserQuota> set = new java.util.HashMap<>();
        quotas.all().forEach(q -> set.put(q.user(), q));
        TreeSet<String> users = new TreeSet<>(usage.keySet());
        users.addAll(set.keySet());
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (String user : users) {
            list.add(view(user, Optional.ofNullable(set.get(user)), usage.getOrDefault(user, new Usage(0, 0))));
        }
        Quota defaults = limits.defaultQuota();
        return Jsons.createObjectBuilder()
                .add("default", Jsons.createObjectBuilder().add("files", defaults.files()).add("bytes", defaults.bytes()))
                .add("users", list).build();
    }

    @PUT
    @Path("{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's quota (audited); at once on every server instance",
            description = "Both limits, as whole numbers ≥ 0. Files already stored stay even when above it; further "
                    + "uploads answer 403 with the figures. Kept in the database; wins over configuration.")
    @RequestBody(description = "{\"files\": 100, \"bytes\": 10737418240}")
    public JsonObject set(@PathParam("user") String user, InputStream body) {
        requireAdmin();
        checkUser(user);
        JsonObject json = JsonBodies.readObject(body, MAX_BODY);
        List<FieldError> errors = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!key.equals("files") && !key.equals("bytes")) {
                errors.add(new FieldError(key, "unknown field; the fields are files and bytes"));
            }
        }
        long maxFiles = limit(json, "files", errors);
        long maxBytes = limit(json, "bytes", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        UserQuotas.UserQuota q = quotas.set(caller.get(), user, maxFiles, maxBytes);
        return view(user, Optional.of(q), files.usage(user)).build();
    }

    @DELETE
    @Path("{user}")
    @Operation(summary = "Drop the quota an admin set for a user: configuration applies again (audited)",
            description = "204; 404 when no admin quota was set for the user.")
    public Response reset(@PathParam("user") String user) {
        requireAdmin();
        checkUser(user);
        if (!quotas.reset(caller.get(), user)) {
            throw ProblemException.notFound("no quota was set for " + user + " by an admin");
        }
        return Response.noContent().build();
    }

    private JsonObjectBuilder view(String user, Optional<UserQuotas.UserQuota> set, Usage usage) {
        Quota quota = set.map(UserQuotas.UserQuota::quota).orElseGet(() -> limits.configuredQuota(user));
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("user", user)
                .add("quota", Jsons.createObjectBuilder().add("files", quota.files()).add("bytes", quota.bytes()))
                .add("usage", Jsons.createObjectBuilder().add("files", usage.files()).add("bytes", usage.bytes()))
                .add("source", set.isPresent() ? "admin" : "configuration");
        set.ifPresent(q -> b.add("changedBy", q.changedBy()).add("changedAt", q.changedAt().toInstant().toString()));
        return b;
    }

    private static long limit(JsonObject json, String field, List<FieldError> errors) {
        JsonValue v = json.get(field);
        if (v == null) {
            errors.add(new FieldError(field, "is required"));
            return -1;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() < 0
                || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            errors.add(new FieldError(field, "must be a whole number from 0 to " + Long.MAX_VALUE));
            return -1;
        }
        return n.longValueExact();
    }

    private static void checkUser(String user) {
        if (!Caller.isUserName(user)) {
            throw ProblemException.badRequest("user", "must be a user name: 1 to 200 letters, digits or . _ @ + -, "
                    + "starting with a letter or digit");
        }
    }

    private void requireAdmin() {
        if (!caller.get().isAdmin()) {
            throw ProblemException.forbidden("only an admin may do this");
        }
    }
}
