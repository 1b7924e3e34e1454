package org.plinth.apps.hyphy;

/**
 * What every method's inputs have: the data and the genetic code. Each method's record
 * implements this, so the shared code builds the common part of the command line once.
 */
interface HyphyInputs {

    /** The alignment's path in the workspace (the host staged the uploaded file there). */
    String alignment();

    /** The tree's path in the workspace, or null to use the tree in the alignment file. */
    String tree();

    /** One of HyPhy's genetic code names ({@link GeneticCodes#NAMES}). */
    String code();
}
