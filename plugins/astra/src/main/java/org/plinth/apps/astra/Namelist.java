package org.plinth.apps.astra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One group of a namelist file ({@code &NEWRUN … /}). Names are case-insensitive, as Fortran
 * reads them; a variable given twice keeps its last value, as Fortran's read does, and its first
 * position, so a file written back reads in the same order.
 */
public final class Namelist {

    private final String name;
    private final Map<String, Assignment> assignments = new LinkedHashMap<>();

    public Namelist(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Assignment> assignments() {
        return List.copyOf(assignments.values());
    }

    public Namelist set(String variable, Object value) {
        return set(new Assignment(variable, null, value));
    }

    public Namelist set(String variable, int index, Object value) {
        return set(new Assignment(variable, index, value));
    }

    public Namelist set(Assignment a) {
        Assignment earlier = assignments.get(a.key());
        // keep the earlier spelling, so a written file looks like the one read
        assignments.put(a.key(), earlier == null ? a : new Assignment(earlier.name(), a.index(), a.value()));
        return this;
    }

    public Namelist remove(String variable) {
        assignments.remove(Assignment.key(variable, null));
        return this;
    }

    public Optional<Object> get(String variable) {
        return Optional.ofNullable(assignments.get(Assignment.key(variable, null))).map(Assignment::value);
    }

    public Optional<Object> get(String variable, int index) {
        return Optional.ofNullable(assignments.get(Assignment.key(variable, index))).map(Assignment::value);
    }

    public Optional<Double> number(String variable) {
        return get(variable).flatMap(Namelist::asDouble);
    }

    public Optional<String> text(String variable) {
        return get(variable).map(String::valueOf);
    }

    public Optional<Boolean> logical(String variable) {
        return get(variable).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)));
    }

    static Optional<Double> asDouble(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        return Optional.empty();
    }

    /** Variables in the order first given (for tests and the writer). */
    public List<String> keys() {
        return new ArrayList<>(assignments.keySet());
    }

    @Override
    public String toString() {
        return "&" + name + " " + assignments.values();
    }
}
