package org.plinth.apps;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.Unit;

/**
 * The facts about one input of an app read once from its record component: name, Java type,
 * and the plugin API's annotations. Schema generation and request binding both read this, so
 * they cannot disagree about what an input is.
 */
record InputType(String name, Type type, Class<?> rawType, Field field, String description,
                 String unit, String alias, List<String> choices, String defaultJson) {

    static List<InputType> of(Class<? extends Record> recordType) {
        return java.util.Arrays.stream(recordType.getRecordComponents()).map(InputType::of).toList();
    }

    static InputType of(RecordComponent c) {
        Field field;
        try {
            field = c.getDeclaringRecord().getDeclaredField(c.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record component without a field: " + c, e);
        }
        Description d = c.getAnnotation(Description.class);
        Unit u = c.getAnnotation(Unit.class);
        Alias a = c.getAnnotation(Alias.class);
        Choices ch = c.getAnnotation(Choices.class);
        DefaultValue dv = c.getAnnotation(DefaultValue.class);
        return new InputType(c.getName(), c.getGenericType(), c.getType(), field,
                d == null ? null : d.value(), u == null ? null : u.value(),
                a == null ? null : a.value(), ch == null ? List.of() : List.of(ch.value()),
                dv == null ? null : dv.value());
    }

    boolean has(Class<? extends java.lang.annotation.Annotation> annotation) {
        return field.isAnnotationPresent(annotation);
    }

    <A extends java.lang.annotation.Annotation> A annotation(Class<A> annotation) {
        return field.getAnnotation(annotation);
    }

    /** Required when it has no default and cannot be absent (a primitive, or marked not null). */
    boolean required() {
        return defaultJson == null && (rawType.isPrimitive()
                || has(jakarta.validation.constraints.NotNull.class)
                || has(jakarta.validation.constraints.NotBlank.class)
                || has(jakarta.validation.constraints.NotEmpty.class));
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[index];
            if (arg instanceof java.lang.reflect.AnnotatedType at) {
                return at.getType();
            }
            return arg;
        }
        return Object.class;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    static boolean isList(Class<?> c) {
        return List.class.isAssignableFrom(c);
    }

    static boolean isMap(Class<?> c) {
        return Map.class.isAssignableFrom(c);
    }
}
