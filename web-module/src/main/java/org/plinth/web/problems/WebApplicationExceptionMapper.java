package org.plinth.web.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JAX-RS runtime's own refusals (no such path, method not allowed, unsupported media type,
 * a path parameter of the wrong type) as problem+json, keeping their status and headers.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "no acceptable representation";
            case 415 -> "unsupported media type; send application/json";
            default -> status >= 500 ? "the server could not answer" : title;
        };
        Response problem = Problems.response(status, title, detail);
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.type(Problems.PROBLEM).build();
    }
}
