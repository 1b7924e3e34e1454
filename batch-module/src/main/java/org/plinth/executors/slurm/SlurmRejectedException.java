package org.plinth.executors.slurm;

import java.util.List;
import java.util.stream.Collectors;

/** SLURM understood the request and refused it; trying again will not help. */
public class SlurmRejectedException extends SlurmException {

    private final int httpStatus;
    private final List<SlurmError> errors;

    public SlurmRejectedException(String what, int httpStatus, List<SlurmError> errors) {
        super(what + ": " + describe(httpStatus, errors));
        this.httpStatus = httpStatus;
        this.errors = List.copyOf(errors);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public List<SlurmError> errors() {
        return errors;
    }

    /** Whether SLURM named this error number (error_code on submit, error_number elsewhere). */
    public boolean has(int code) {
        return errors.stream().anyMatch(e -> e.code() == code);
    }

    private static String describe(int httpStatus, List<SlurmError> errors) {
        if (errors.isEmpty()) {
            return "HTTP " + httpStatus;
        }
        return errors.stream().map(SlurmError::toString).collect(Collectors.joining("; "))
                + " (HTTP " + httpStatus + ")";
    }
}
