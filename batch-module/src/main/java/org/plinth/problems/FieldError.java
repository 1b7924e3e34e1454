package org.plinth.problems;

/**
 * One reason a request was refused, tied to the field it concerns.
 *
 * @param field  a JSON pointer-like path into the request ({@code inputs.script},
 *               {@code resources.cores})
 * @param reason what is wrong, in words a user can act on
 */
public record FieldError(String field, String reason) {
}
