package org.plinth.web.admin;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.App;
import org.plinth.api.Availability;
import org.plinth.api.Jsons;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.AppSwitches;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.web.problems.JsonBodies;
import org.plinth.web.security.CurrentCaller;

/** Every app the server carries, and switching one off or on at run time. */
@Path("admin/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminAppsResource {

    private static final long MAX_BODY = 4096;

    @Inject
    CurrentCaller caller;
    @Inject
    AppRegistry apps;
    @Inject
    AppSwitches switches;

    @GET
    @Operation(summary = "Every app, enabled or not, with who switched it and when",
            description = "enabledBy says what decided: 'admin' (PUT /admin/apps/{id}) or 'configuration' "
                    + "(plinth.apps.<id>.enabled, default on).")
    public JsonObject list() {
        requireAdmin();
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (App<?> app : apps.all()) {
            list.add(view(app));
        }
        return Jsons.createObjectBuilder().add("apps", list).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Switch an app on or off for everyone, at once and on every server instance (audited)",
            description = "A disabled app is left out of GET /apps and refuses new work with 409 (submit, start, "
                    + "restart, rerun); jobs already queued or running finish. The choice is kept in the database "
                    + "and outlives restarts; it wins over plinth.apps.<id>.enabled.")
    @RequestBody(description = "{\"enabled\": false}")
    public JsonObject update(@PathParam("id") String id, InputStream body) {
        requireAdmin();
        JsonObject json = JsonBodies.readObject(body, MAX_BODY);
        App<?> app = apps.installed(id);
        List<FieldError> errors = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!key.equals("enabled")) {
                errors.add(new FieldError(key, "unknown field; the only field is enabled"));
            }
        }
        JsonValue enabled = json.get("enabled");
        if (enabled == null || (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE)) {
            errors.add(new FieldError("enabled", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        switches.set(caller.get(), app.info().id(), enabled == JsonValue.TRUE);
        return view(app).build();
    }

    private JsonObjectBuilder view(App<?> app) {
        Availability a = app.availability();
        var availability = Jsons.createObjectBuilder().add("available", a.available());
        if (a.reason() != null) {
            availability.add("reason", a.reason());
        }
        if (a.toolVersion() != null) {
            availability.add("toolVersion", a.toolVersion());
        }
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", app.info().id()).add("version", app.info().version())
                .add("title", app.info().title()).add("enabled", apps.isEnabled(app))
                .add("enabledByConfiguration", apps.enabledByConfig(app))
                .add("availability", availability)
                .add("roles", Jsons.createArrayBuilder(apps.roles(app).stream().sorted().toList()));
        switches.of(app.info().id()).ifPresentOrElse(s -> b.add("enabledBy", "admin").add("changedBy", s.changedBy())
                .add("changedAt", s.changedAt().toInstant().toString()), () -> b.add("enabledBy", "configuration"));
        return b;
    }

    private void requireAdmin() {
        if (!caller.get().isAdmin()) {
            throw ProblemException.forbidden("only an admin may do this");
        }
    }
}
