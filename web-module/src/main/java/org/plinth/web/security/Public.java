package org.plinth.web.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that needs no credential (the console's settings). Our own marker, not
 * {@code @PermitAll}: Payara reads that one as a container security constraint and answers 401
 * with a Basic challenge before JAX-RS sees the request. A name binding, so JAX-RS matches it
 * to its methods once, at deployment ({@link PublicMethods}), not on every request. (On a
 * resource class it would make every method public: not used so.)
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
}
