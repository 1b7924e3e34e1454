package org.plinth.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value an input takes when a request omits it, written as JSON ({@code "3"},
 * {@code "\"gauss\""}, {@code "true"}, {@code "[]"}). An input with a default is optional.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface DefaultValue {
    String value();
}
