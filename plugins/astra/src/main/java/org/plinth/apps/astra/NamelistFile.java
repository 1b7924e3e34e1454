package org.plinth.apps.astra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The groups of a namelist file in file order ({@code &NEWRUN}, {@code &OUTPUT}, …). */
public record NamelistFile(List<Namelist> groups) {

    public NamelistFile {
        groups = new ArrayList<>(groups); // mutable on purpose: an app adds the groups it needs
    }

    public Optional<Namelist> group(String name) {
        return groups.stream().filter(g -> g.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The group, added at the end when absent. */
    public Namelist require(String name) {
        return group(name).orElseGet(() -> {
            Namelist g = new Namelist(name);
            groups.add(g);
            return g;
        });
    }
}
