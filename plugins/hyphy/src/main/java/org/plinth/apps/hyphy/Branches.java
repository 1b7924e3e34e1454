package org.plinth.apps.hyphy;

/** The {@code branches} option the methods share. */
final class Branches {

    static final String DESCRIPTION = "Branches to test: All, Internal, Leaves, or a label used in the tree "
            + "(for example Foreground for branches marked {Foreground}; 'Unlabeled branches' for the rest).";
    /** A label is a word in the Newick file; anything else cannot match and would make HyPhy prompt. */
    static final String PATTERN = "[A-Za-z0-9_][A-Za-z0-9_ .+-]*";
    static final String MESSAGE = "must be All, Internal, Leaves or a branch label (letters, digits, '_', ' ', '.', '+', '-')";

    private Branches() {
    }
}
