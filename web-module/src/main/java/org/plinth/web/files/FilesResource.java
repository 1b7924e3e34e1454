package org.plinth.web.files;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plinth.api.Jsons;
import org.plinth.files.FileBlobs;
import org.plinth.files.FileRecords;
import org.plinth.files.FileService;
import org.plinth.files.StoredFile;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.web.Params;
import org.plinth.web.problems.JsonBodies;
import org.plinth.web.security.CurrentCaller;

/**
 * Uploaded files: a user's data sets (FITS images, alignments, field maps) that jobs read by
 * id. Uploads stream to disk with their SHA-256 computed on the way; downloads stream back with
 * Range and ETag.
 */
@Path("files")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "files")
public class FilesResource {

    private static final long MAX_META_BYTES = 64 * 1024;
    /** What a form may add around the file: part headers and the meta field. */
    private static final long FORM_OVERHEAD = 1024 * 1024;

    @Inject
    FileService files;
    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a file as multipart/form-data",
            description = "Field `file` holds the bytes (its filename names the file); an optional field `meta` holds "
                    + "JSON {\"name\", \"type\", \"description\"}. Answers 201 with the file's id, size and sha256.")
    public Response uploadForm(@HeaderParam("Content-Type") String contentType,
                               @HeaderParam("Content-Length") String length, InputStream body) throws IOException {
        Caller who = caller.get();
        MultipartReader reader = new MultipartReader(body, MultipartReader.boundary(contentType));
        FileBlobs.Received received = null;
        String filename = null;
        String partType = null;
        JsonObject meta = null;
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                switch (part.name()) {
                    case "file" -> {
                        if (received != null) {
                            throw ProblemException.badRequest("file", "give one file per upload");
                        }
                        filename = part.filename();
                        partType = part.contentType();
                        // the body's length bounds the file's: enough to refuse a far too large upload at once
                        long declared = Params.declaredLength(length);
                        try {
                            received = files.receive(who, part.body(), declared < 0 ? -1 : Math.max(-1, declared - FORM_OVERHEAD));
                        } catch (ProblemException refused) {
                            JsonBodies.drain(body);
                            throw refused;
                        }
                    }
                    case "meta" -> meta = JsonBodies.readObject(part.body(), MAX_META_BYTES);
                    default -> throw ProblemException.badRequest(part.name(), "unknown form field; the fields are file and meta");
                }
            }
            if (received == null) {
                throw ProblemException.badRequest("file", "is required: the form field holding the file's bytes");
            }
            FileService.Meta m = new FileService.Meta(
                    metaString(meta, "name", filename), metaString(meta, "type", given(partType)),
                    metaString(meta, "description", null));
            StoredFile file = files.store(who, m, received);
            received = null;
            return created(file);
        } finally {
            if (received != null) {
                discard(received);
            }
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a file as the raw request body",
            description = "?name= names the file (required); ?description= is optional; the Content-Type is the "
                    + "file's media type (guessed from the name when it is application/octet-stream).")
    public Response uploadRaw(@QueryParam("name") String name, @QueryParam("description") String description,
                              @HeaderParam("Content-Type") String contentType,
                              @HeaderParam("Content-Length") String length, InputStream body) throws IOException {
        Caller who = caller.get();
        if (name == null) {
            throw ProblemException.badRequest("name", "is required: ?name=<file name>");
        }
        FileService.Meta meta = new FileService.Meta(name, given(contentType), description);
        FileService.checkMeta(meta); // refuse a bad name before reading gigabytes
        long declared = Params.declaredLength(length);
        InputStream in = body == null ? InputStream.nullInputStream() : body;
        FileBlobs.Received received;
        try {
            received = files.receive(who, in, declared);
        } catch (ProblemException refused) {
            JsonBodies.drain(in); // so that a client still sending reads the 413/403/507
            throw refused;
        }
        try {
            if (declared >= 0 && received.size() < declared) {
                throw ProblemException.badRequest("body", "the upload ended after " + received.size() + " of "
                        + declared + " bytes (connection closed?)");
            }
            StoredFile file = files.store(who, meta, received);
            received = null;
            return created(file);
        } finally {
            if (received != null) {
                discard(received);
            }
        }
    }

    @GET
    @Operation(summary = "List your files, newest first (an admin sees everyone's)")
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        int from = (int) Params.number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = (int) Params.number("limit", limit, 50, 1, 500);
        FileRecords.Page page = files.list(caller.get(), from, size);
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        page.files().forEach(f -> list.add(view(f)));
        return Jsons.createObjectBuilder().add("files", list).add("total", page.total())
                .add("offset", page.offset()).add("limit", page.limit()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A file's metadata")
    public JsonObject get(@PathParam("id") String id) {
        return view(files.get(caller.get(), Params.id(id, "file")));
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A file's bytes; supports Range, ETag and If-None-Match")
    public Response content(@PathParam("id") String id, @HeaderParam("Range") String range,
                            @HeaderParam("If-None-Match") String ifNoneMatch) throws IOException {
        StoredFile file = files.get(caller.get(), Params.id(id, "file"));
        String etag = "\"" + file.sha256() + "\"";
        if (FileResponses.matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).build();
        }
        return FileResponses.serve(files.content(file), file.mediaType(), range, "attachment", file.name(), etag);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a file; refused (409) while a job that has not ended reads it")
    public Response delete(@PathParam("id") String id) {
        files.delete(caller.get(), Params.id(id, "file"));
        return Response.noContent().build();
    }

    private Response created(StoredFile file) {
        return Response.created(URI.create("/api/v1/files/" + file.id())).entity(view(file)).build();
    }

    static JsonObject view(StoredFile f) {
        JsonObjectBuilder b = Jsons.createObjectBuilder()
                .add("id", f.id()).add("name", f.name()).add("size", f.size()).add("sha256", f.sha256())
                .add("mediaType", f.mediaType()).add("owner", f.owner()).add("createdAt", f.createdAt().toString());
        if (f.description() != null) {
            b.add("description", f.description());
        }
        return b.add("links", Jsons.createObjectBuilder().add("self", "/api/v1/files/" + f.id())
                .add("content", "/api/v1/files/" + f.id() + "/content")).build();
    }

    private void discard(FileBlobs.Received received) {
        try {
            java.nio.file.Files.deleteIfExists(received.temp());
        } catch (IOException e) {
            // the start-up repair removes it
        }
    }

    /** A Content-Type that says something about the file (not a transport default). */
    private static String given(String contentType) {
        if (contentType == null) {
            return null;
        }
        String base = contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.isEmpty() || base.equals("application/octet-stream") || base.equals("application/x-www-form-urlencoded")
                || base.startsWith("multipart/") ? null : base;
    }

    private static String metaString(JsonObject meta, String key, String fallback) {
        if (meta == null || !meta.containsKey(key) || meta.isNull(key)) {
            return fallback;
        }
        if (meta.get(key).getValueType() != jakarta.json.JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest("meta." + key, "must be a string");
        }
        return meta.getString(key);
    }
}
