package org.plinth.web.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.plinth.persistence.DatabaseUnreachable;

/**
 * Anything nobody foresaw: logged with an incident id, answered without a stack trace. A
 * database that cannot be reached answers 503 with {@code Retry-After}: the client may try
 * again, nothing was half-written (each change is one transaction). A data disk that filled up
 * under a write (ENOSPC) answers 507, as the free-space floor's refusals do.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        var slow = org.plinth.web.limits.SlowBodyGuard.TooSlow.in(e);
        if (slow != null) {
            // an upload trickling in (SlowBodyGuard): the client's fault, not an incident
            return Response.fromResponse(Problems.response(408, "Request Timeout", slow.getMessage()))
                    .header("Connection", "close").build();
        }
        String charset = unsupportedCharset(e);
        if (charset != null) {
            // JAX-RS read a String body in the charset the Content-Type named, and Java knows none such
            return Problems.response(415, "Unsupported Media Type",
                    "Content-Type: the charset '" + charset + "' is not supported; send UTF-8");
        }
        if (DatabaseUnreachable.causes(e)) {
            // one line: an outage answers hundreds of requests like this
            LOG.warning(() -> "answered 503, the database is unreachable: " + String.valueOf(e.getMessage()).lines()
                    .filter(l -> l.contains("Exception")).reduce((a, b) -> b).orElse(e.getClass().getName()));
            return Response.fromResponse(Problems.response(503, "Service Unavailable",
                    "the database cannot be reached; try again shortly")).header("Retry-After", "5").build();
        }
        if (org.plinth.files.DiskFull.causes(e)) {
            LOG.warning(() -> "answered 507, the data disk is full: " + e);
            return Problems.response(507, "Insufficient Storage", "the data disk is full; the request could not be completed");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, e);
        return Problems.response(500, "Internal Server Error",
                "the server failed to answer; incident " + incident + " is in its log");
    }

    private static String unsupportedCharset(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.nio.charset.UnsupportedCharsetException u) {
                return u.getCharsetName();
            }
            if (t instanceof java.nio.charset.IllegalCharsetNameException i) {
                return i.getCharsetName();
            }
        }
        return null;
    }
}
