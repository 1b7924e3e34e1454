package org.plinth.web.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.plinth.problems.ProblemException;

/** A refusal raised by the engine: its status, title, detail and field errors as they are. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
        Response problem = Problems.response(e.status(), e.title(), e.getMessage(), e.errors(), e.extensions());
        // a 408 is a client too slow to finish its body: close rather than wait for the rest
        return e.status() == 408 ? Response.fromResponse(problem).header("Connection", "close").build() : problem;
    }
}
