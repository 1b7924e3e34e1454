package org.plinth.web.limits;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses a request body that trickles in (slowloris): each request thread reading a body checks
 * the body's average rate since its first read, and once the grace period is over a rate below
 * the minimum ends the read with {@link TooSlow}, answered 408 and the connection closed.
 *
 * <p>Why here and not in server-config: Grizzly's own bounds cannot tell a slow body from a
 * large one. Its read timeout (transport read-timeout-millis) restarts with every byte, so one
 * byte a second never trips it, and the request timeout (http request-timeout-seconds) is one
 * bound for the whole request, which must stay long enough for a 4 GiB upload. A minimum rate
 * holds a slow client to seconds without limiting honest large uploads.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class SlowBodyGuard implements Filter {

    private long minBytesPerSecond;
    private long graceNanos;

    @Override
    public void init(jakarta.servlet.FilterConfig config) {
        var mp = ConfigProvider.getConfig();
        minBytesPerSecond = mp.getOptionalValue("plinth.limits.min-body-bytes-per-second", Long.class).orElse(1024L);
        graceNanos = mp.getOptionalValue("plinth.limits.body-grace-seconds", Long.class).orElse(10L) * 1_000_000_000L;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (minBytesPerSecond <= 0 || !(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            private ServletInputStream guarded;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (guarded == null) {
                    guarded = new Guarded(super.getInputStream(), minBytesPerSecond, graceNanos);
                }
                return guarded;
            }
        }, response);
    }

    /** The body came in slower than the minimum rate; {@code TooSlow.in} finds it in a cause chain. */
    public static final class TooSlow extends IOException {
        public TooSlow(String message) {
            super(message);
        }

        /** The TooSlow somewhere in {@code e}'s causes, or null. */
        public static TooSlow in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TooSlow slow) {
                    return slow;
                }
            }
            return null;
        }
    }

    private static final class Guarded extends ServletInputStream {
        private final ServletInputStream in;
        private final long minBytesPerSecond;
        private final long graceNanos;
        private long started;
        private long count;

        Guarded(ServletInputStream in, long minBytesPerSecond, long graceNanos) {
            this.in = in;
            this.minBytesPerSecond = minBytesPerSecond;
            this.graceNanos = graceNanos;
        }

        private void check(int n) throws TooSlow {
            long now = System.nanoTime();
            if (started == 0) {
                started = now; // the clock starts with the first read, not at the request's arrival
            }
            if (n > 0) {
                count += n;
            }
            long elapsed = now - started;
            if (n >= 0 && elapsed > graceNanos && count * 1_000_000_000L / elapsed < minBytesPerSecond) {
                throw new TooSlow("the request body arrived at " + (count * 1_000_000_000L / elapsed)
                        + " bytes/s, below the minimum of " + minBytesPerSecond + " bytes/s");
            }
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = in.read();
            check(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check(0);
            int n = in.read(b, off, len);
            check(n);
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
