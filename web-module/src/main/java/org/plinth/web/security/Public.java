package org.plinth.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that needs no credential (the console's settings). Our own marker, not
 * {@code @PermitAll}: Payara reads that one as a container security constraint and answers 401
 * with a Basic challenge before JAX-RS sees the request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {
}
