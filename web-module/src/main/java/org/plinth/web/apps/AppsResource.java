package org.plinth.web.apps;

import org.plinth.api.Jsons;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.App;
import org.plinth.api.Availability;
import org.plinth.api.Resources;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.InputSchema;
import org.plinth.web.security.CurrentCaller;

/** The apps this host offers, and each one's inputs as a JSON Schema. */
@Path("apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "apps")
public class AppsResource {

    @Inject
    AppRegistry apps;
    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List the apps")
    public JsonObject list() {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (App<?> app : apps.enabled()) {
            list.add(summary(app));
        }
        return Jsons.createObjectBuilder().add("apps", list).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Describe an app: its inputs as JSON Schema, default resources, availability")
    public JsonObject describe(@PathParam("id") String id) {
        App<?> app = apps.require(id);
        Resources r = app.defaultResources();
        return summary(app)
                .add("inputs", InputSchema.of(app.inputType()))
                .add("defaultResources", Jsons.createObjectBuilder()
                        .add("cores", r.cores()).add("memoryMb", r.memoryMb()).add("walltimeSeconds", r.walltimeSeconds()))
                .build();
    }

    private JsonObjectBuilder summary(App<?> app) {
        Availability a = app.availability();
        JsonObjectBuilder availability = Jsons.createObjectBuilder().add("available", a.available());
        if (a.reason() != null) {
            availability.add("reason", a.reason());
        }
        if (a.toolVersion() != null) {
            availability.add("toolVersion", a.toolVersion());
        }
        return Jsons.createObjectBuilder()
                .add("id", app.info().id())
                .add("version", app.info().version())
                .add("title", app.info().title())
                .add("description", app.info().description())
                .add("availability", availability)
                .add("roles", Jsons.createArrayBuilder(apps.roles(app).stream().sorted().toList()))
                .add("mayRun", apps.mayRun(caller.get(), app))
                .add("links", Jsons.createObjectBuilder().add("self", "/api/v1/apps/" + app.info().id()));
    }
}
