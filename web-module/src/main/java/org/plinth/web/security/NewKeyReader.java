package org.plinth.web.security;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;
import org.plinth.security.keys.NewKey;

/** Checks a key request's body ({@code name}, {@code expiresAt} or {@code expiresInDays}, {@code readOnly}, {@code roles}), naming every bad field. */
final class NewKeyReader {

    private static final Set<String> FIELDS = Set.of("name", "expiresAt", "expiresInDays", "readOnly", "roles");
    static final int MAX_DAYS = 3650;

    private NewKeyReader() {
    }

    static NewKey read(JsonObject body) {
        return read(body, Instant.now());
    }

    static NewKey read(JsonObject body, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new FieldError(key, "unknown field; known fields are " + new TreeSet<>(FIELDS)));
            }
        }
        String name = null;
        JsonValue n = body.get("name");
        if (n == null || n.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError("name", "is required"));
        } else if (n.getValueType() != JsonValue.ValueType.STRING || ((JsonString) n).getString().isBlank()
                || ((JsonString) n).getString().length() > 100) {
            errors.add(new FieldError("name", "must be a non-blank string of at most 100 characters"));
        } else {
            name = ((JsonString) n).getString().strip();
        }
        Instant expiresAt = null;
        boolean hasAt = present(body, "expiresAt");
        boolean hasDays = present(body, "expiresInDays");
        if (hasAt && hasDays) {
            errors.add(new FieldError("expiresInDays", "give expiresAt or expiresInDays, not both"));
        } else if (hasAt) {
            JsonValue v = body.get("expiresAt");
            try {
                if (v.getValueType() != JsonValue.ValueType.STRING) {
                    throw new DateTimeParseException("not a string", "", 0);
                }
                expiresAt = Instant.parse(((JsonString) v).getString());
                if (!expiresAt.isAfter(now)) {
                    errors.add(new FieldError("expiresAt", "must be in the future"));
                } else if (expiresAt.isAfter(now.plus(MAX_DAYS, ChronoUnit.DAYS))) {
                    errors.add(new FieldError("expiresAt", "must be within " + MAX_DAYS + " days"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("expiresAt", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z"));
            }
        } else if (hasDays) {
            JsonValue v = body.get("expiresInDays");
            if (v instanceof JsonNumber num && num.isIntegral() && num.bigIntegerValue().bitLength() < 32
                    && num.intValue() >= 1 && num.intValue() <= MAX_DAYS) {
                expiresAt = now.plus(num.intValue(), ChronoUnit.DAYS);
            } else {
                errors.add(new FieldError("expiresInDays", "must be a whole number from 1 to " + MAX_DAYS));
            }
        }
        boolean readOnly = false;
        if (present(body, "readOnly")) {
            JsonValue v = body.get("readOnly");
            if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
                readOnly = v.getValueType() == JsonValue.ValueType.TRUE;
            } else {
                errors.add(new FieldError("readOnly", "must be true or false"));
            }
        }
        Set<String> roles = null;
        if (present(body, "roles")) {
            JsonValue v = body.get("roles");
            if (v.getValueType() != JsonValue.ValueType.ARRAY || v.asJsonArray().size() > 32) {
                errors.add(new FieldError("roles", "must be an array of at most 32 role names"));
            } else {
                roles = new LinkedHashSet<>();
                for (int i = 0; i < v.asJsonArray().size(); i++) {
                    JsonValue r = v.asJsonArray().get(i);
                    if (!(r instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 64
                            || s.getString().contains(",")) {
                        errors.add(new FieldError("roles[" + i + "]", "must be a role name (1 to 64 characters, no comma)"));
                    } else {
                        roles.add(s.getString());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " fields are invalid", errors);
        }
        return new NewKey(name, expiresAt, readOnly, roles);
    }

    private static boolean present(JsonObject body, String field) {
        return body.containsKey(field) && body.get(field).getValueType() != JsonValue.ValueType.NULL;
    }
}
