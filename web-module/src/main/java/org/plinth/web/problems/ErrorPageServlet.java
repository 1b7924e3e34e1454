package org.plinth.web.problems;

import org.plinth.api.Jsons;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error pages (paths outside the API, a request the container refused before
 * JAX-RS saw it) as problem+json instead of Payara's HTML report; mapped in web.xml.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        if (status == 501) {
            // the container's answer to a method it does not know (e.g. "get"): for this API that
            // is a method not allowed here, the client's mistake, not a server fault
            status = 405;
        }
        var known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase()
                : status == 413 ? "Payload Too Large" : status >= 500 ? "Internal Server Error" : "Error";
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Jsons.createObjectBuilder().add("type", "about:blank").add("title", title)
                .add("status", status).build().toString());
    }
}
