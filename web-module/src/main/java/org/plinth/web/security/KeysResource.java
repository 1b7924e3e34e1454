package org.plinth.web.security;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.problems.ProblemException;
import org.plinth.security.keys.ApiKey;
import org.plinth.security.keys.IssuedKey;
import org.plinth.security.keys.PersonalKeys;
import org.plinth.web.Params;
import org.plinth.web.problems.JsonBodies;

/** Personal API keys for scripts: made here, shown once, listed without the secret, revoked at once. */
@Path("keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys")
public class KeysResource {

    private static final long MAX_BODY = 16 * 1024;

    @Inject
    PersonalKeys keys;
    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a personal API key; the answer is the only time the key is shown",
            description = "The key acts as you, with the roles you have now (or the subset in 'roles'); "
                    + "a read-only key may only GET and HEAD. Send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'. "
                    + "Keys are made with a token or a configured key, not with another personal key.")
    @RequestBody(description = "{\"name\": \"nightly sweep\", \"expiresInDays\": 90, \"readOnly\": false}  "
            + "(or \"expiresAt\": \"2030-01-01T00:00:00Z\"; neither: the key does not expire)")
    public Response create(InputStream body) {
        if (caller.viaPersonalKey()) {
            // a leaked key must not be able to mint itself a successor that outlives its revocation
            throw ProblemException.forbidden("a personal API key cannot make keys; sign in with a token");
        }
        IssuedKey issued = keys.create(caller.get(), NewKeyReader.read(JsonBodies.readObject(body, MAX_BODY)));
        JsonObject view = view(issued.key()).add("key", issued.secret()).build();
        return Response.created(URI.create("/api/v1/keys/" + issued.key().id())).entity(view).build();
    }

    @GET
    @Operation(summary = "Your keys (not revoked), without secrets; an admin may ask for ?user=")
    public JsonObject list(@QueryParam("user") String user) {
        if (user != null && (user.isBlank() || user.length() > 200)) {
            throw ProblemException.badRequest("user", "must be 1 to 200 characters");
        }
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        keys.list(caller.get(), user).forEach(k -> list.add(view(k)));
        return Jsons.createObjectBuilder().add("keys", list).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key: the next request with it is refused")
    public Response revoke(@PathParam("id") String id) {
        keys.revoke(caller.get(), Params.id(id, "key"));
        return Response.noContent().build();
    }

    private static JsonObjectBuilder view(ApiKey k) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", k.id()).add("name", k.name())
                .add("prefix", k.prefix()).add("owner", k.owner())
                .add("roles", Jsons.createArrayBuilder(k.roles().stream().sorted().toList()))
                .add("readOnly", k.readOnly()).add("createdAt", k.createdAt().toInstant().toString());
        if (k.expiresAt() != null) {
            b.add("expiresAt", k.expiresAt().toInstant().toString())
                    .add("expired", !k.expiresAt().toInstant().isAfter(java.time.Instant.now()));
        } else {
            b.addNull("expiresAt").add("expired", false);
        }
        return b;
    }
}
