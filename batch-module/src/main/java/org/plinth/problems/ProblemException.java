package org.plinth.problems;

import java.util.List;

/**
 * A refusal that the web layer turns into an {@code application/problem+json} answer. The
 * engine raises it with an HTTP status because its callers are HTTP clients, but it carries no
 * web types: the status is just a number.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    /** Extension members of the problem (RFC 9457 §3.2): figures a client can act on. */
    private final java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "Invalid request", detail, errors);
    }

    public static ProblemException badRequest(String field, String reason) {
        return badRequest(field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    /** Adds an extension member (a number or a string) to the problem. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public java.util.Map<String, Object> extensions() {
        return java.util.Collections.unmodifiableMap(extensions);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
