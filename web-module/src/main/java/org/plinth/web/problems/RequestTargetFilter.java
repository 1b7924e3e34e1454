package org.plinth.web.problems;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.plinth.api.Jsons;

/**
 * Refuses a request target that does not decode (a broken %-escape, bytes that are no UTF-8,
 * an overlong or surrogate sequence, a NUL or control character) with a problem+json 400,
 * before Jersey: Jersey answers those with a bare 400 of its own, which no error page turns
 * into problem+json. Checked on the raw target, so nothing decoded twice slips through.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestTargetFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
            String problem = problem(http.getRequestURI(), "path");
            String field = null;
            if (problem == null && http.getQueryString() != null) {
                // parameter by parameter, so the answer names the one at fault, as any bad input's does
                for (String pair : http.getQueryString().split("&")) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    problem = problem(name.replace('+', ' '), "query");
                    if (problem == null && eq >= 0) {
                        problem = problem(pair.substring(eq + 1).replace('+', ' '), "value");
                        if (problem != null) {
                            field = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
                        }
                    }
                    if (problem != null) {
                        break;
                    }
                }
            }
            if (problem != null) {
                var body = Jsons.createObjectBuilder().add("type", "about:blank").add("title", "Bad Request")
                        .add("status", 400).add("detail", field == null ? problem : field + ": " + problem);
                if (field != null) {
                    body.add("errors", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder()
                            .add("field", field).add("reason", problem)));
                }
                out.setStatus(400);
                out.setContentType(Problems.MEDIA_TYPE);
                out.setCharacterEncoding("UTF-8");
                out.getWriter().write(body.build().toString());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the raw (still %-encoded) text, or null. */
    static String problem(String raw, String part) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return "the " + part + " has a broken %-escape";
                }
                bytes.put((byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                // the container hands raw non-ASCII bytes over as characters: keep them for the check
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return "the " + part + " is not valid UTF-8 once %-decoded";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 && !(!part.equals("path") && (c == '\t' || c == '\n' || c == '\r')) || c == 0x7f) {
                return "the " + part + " holds a control character";
            }
        }
        return null;
    }
}
