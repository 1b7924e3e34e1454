package org.plinth.web.problems;

import org.plinth.api.Jsons;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.plinth.persistence.DatabaseUnreachable;

/**
 * The container's error pages (paths outside the API, a request the container refused before
 * JAX-RS saw it, an exception that escaped JAX-RS) as problem+json instead of Payara's HTML
 * report; mapped in web.xml. A server fault gets the same treatment as in
 * {@link UnexpectedExceptionMapper}: an unreachable database answers 503 with
 * {@code Retry-After}, anything else is logged with an incident id that the answer names.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    /** How long after the database was last found away a server fault of unknown cause is put down to it. */
    private static final java.time.Duration RECENT_OUTAGE = java.time.Duration.ofSeconds(10);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        if (status == 501) {
            // the container's answer to a method it does not know (e.g. "get"): for this API that
            // is a method not allowed here, the client's mistake, not a server fault
            status = 405;
        }
        String detail = null;
        if (status >= 500 && status != 503) {
            Throwable e = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            if (e != null ? DatabaseUnreachable.causes(e) : DatabaseUnreachable.seenWithin(RECENT_OUTAGE)) {
                // without an exception (Jersey's "Request failed.": its answer could not be written)
                // the cause is unknown; while the database is away that is the likely one, and a
                // retry is the right advice: each change is one transaction, nothing is half-written
                LOG.warning(() -> "answered 503 for " + request.getMethod() + " " + uri + ", the database is or was just "
                        + "unreachable: " + (e != null ? e : message));
                status = 503;
                detail = "the database cannot be reached; try again shortly";
                response.setHeader("Retry-After", "5");
            } else {
                String incident = UUID.randomUUID().toString();
                // without an exception there is no more to log: the container or Jersey logged
                // what it knew (most often a client that left before its answer was written)
                LOG.log(e != null ? Level.SEVERE : Level.WARNING, "incident " + incident + ": " + status + " for "
                        + request.getMethod() + " " + uri + ", " + message, e);
                detail = "the server failed to answer; incident " + incident + " is in its log";
            }
        }
        var known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase()
                : status == 413 ? "Payload Too Large" : status >= 500 ? "Internal Server Error" : "Error";
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        var body = Jsons.createObjectBuilder().add("type", "about:blank").add("title", title).add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        response.getWriter().write(body.build().toString());
    }
}
