package org.plinth.web.problems;

import org.plinth.api.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.plinth.problems.FieldError;

/** Builds {@code application/problem+json} answers (RFC 9457). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return response(status, title, detail, errors, java.util.Map.of());
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors,
                                    java.util.Map<String, Object> extensions) {
        JsonObjectBuilder body = Jsons.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Jsons.createArrayBuilder();
            for (FieldError e : errors) {
                list.add(Jsons.createObjectBuilder().add("field", e.field()).add("reason", e.reason()));
            }
            body.add("errors", list);
        }
        extensions.forEach((name, value) -> {
            if (value instanceof Number n) {
                body.add(name, n.longValue());
            } else {
                body.add(name, String.valueOf(value));
            }
        });
        return Response.status(status).type(PROBLEM).entity(body.build().toString()).build();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, List.of());
    }
}
