package org.plinth.apps.hyphy;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds HyPhy's argument vector: global settings, the analysis name, then {@code --keyword
 * value} pairs that the analysis's {@code KeywordArgument} directives consume. Values go in as
 * separate arguments, never through a shell.
 */
final class HyphyCommandLine {

    private final List<String> argv = new ArrayList<>();

    HyphyCommandLine(String binary, String analysis, int cores) {
        argv.add(binary);
        argv.add("LIBPATH=" + HyphyBinary.LIBRARY + "/");
        argv.add("CPU=" + cores);
        argv.add(analysis);
    }

    HyphyCommandLine keyword(String name, Object value) {
        argv.add("--" + name);
        argv.add(String.valueOf(value));
        return this;
    }

    /** Adds the keyword only when there is a value: HyPhy's own default applies otherwise. */
    HyphyCommandLine keywordIfSet(String name, Object value) {
        return value == null ? this : keyword(name, value);
    }

    /** HyPhy's yes/no options take the words, not booleans. */
    HyphyCommandLine yesNo(String name, boolean value) {
        return keyword(name, value ? "Yes" : "No");
    }

    List<String> argv() {
        return List.copyOf(argv);
    }
}
