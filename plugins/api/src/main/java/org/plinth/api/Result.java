package org.plinth.api;

import jakarta.json.JsonObject;

/**
 * What an app collected from a finished job: a JSON document shown at
 * {@code GET /jobs/{id}/result}, and a one-line summary for lists.
 */
public record Result(JsonObject data, String summary) {

    public Result {
        data = data == null ? JsonObject.EMPTY_JSON_OBJECT : data;
        summary = summary == null ? "" : summary;
    }

    public static Result of(String summary) {
        return new Result(Jsons.createObjectBuilder().build(), summary);
    }
}
