package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact argument vectors: what HyPhy sees decides what it computes and whether it prompts. */
class HyphyArgumentsTest {

    private static final String BIN = "/usr/lib/hyphy/bin/hyphy-avx";
    private static final String ALN = "inputs/alignment/adh.fas";
    private static final String TREE = "inputs/tree/adh.nwk";

    @Test
    void felWithDefaults() {
        var in = new FelInputs(ALN, TREE, "Universal", "All", true, 0.1, false, 0, "standard", true);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "fel",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--branches", "All", "--srv", "Yes", "--pvalue", "0.1", "--ci", "No", "--resample", "0",
                "--precision", "standard", "--full-model", "Yes", "--output", "FEL.json"),
                new FelApp().arguments(BIN, in, 2));
    }

    @Test
    void withoutATreeTheAlignmentsOwnIsUsed() {
        var in = new FelInputs(ALN, null, "Vertebrate-mtDNA", "Internal", false, 0.05, true, 10, "reduced", false);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=1", "fel",
                "--alignment", ALN, "--code", "Vertebrate-mtDNA",
                "--branches", "Internal", "--srv", "No", "--pvalue", "0.05", "--ci", "Yes", "--resample", "10",
                "--precision", "reduced", "--full-model", "No", "--output", "FEL.json"),
                new FelApp().arguments(BIN, in, 1));
    }

    @Test
    void fubarVariationalBayesLeavesOutTheChainSettings() {
        var in = new FubarInputs(ALN, TREE, "Universal", 20, "Variational-Bayes", 5, 2_000_000, null, 100, 0.5, false, 0.9);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "fubar",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--cache", "FUBAR.cache", "--grid", "20", "--method", "Variational-Bayes",
                "--concentration_parameter", "0.5", "--non-zero", "No", "--output", "FUBAR.json"),
                new FubarApp().arguments(BIN, in, 2));
    }

    @Test
    void fubarMetropolisHastingsPassesTheChains() {
        var in = new FubarInputs(ALN, TREE, "Universal", 10, "Metropolis-Hastings", 3, 100_000, 20_000, 200, 0.1, true, 0.95);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "fubar",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--cache", "FUBAR.cache", "--grid", "10", "--method", "Metropolis-Hastings", "--chains", "3",
                "--chain-length", "100000", "--burn-in", "20000", "--samples", "200",
                "--concentration_parameter", "0.1", "--non-zero", "Yes", "--output", "FUBAR.json"),
                new FubarApp().arguments(BIN, in, 2));
    }

    @Test
    void slacAndMeme() {
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "slac", "--alignment", ALN, "--code", "Universal",
                "--branches", "Leaves", "--samples", "0", "--pvalue", "0.2", "--output", "SLAC.json"),
                new SlacApp().arguments(BIN, new SlacInputs(ALN, null, "Universal", "Leaves", 0, 0.2), 2));
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "meme", "--alignment", ALN, "--code", "Universal",
                "--branches", "All", "--pvalue", "0.1", "--resample", "0", "--full-model", "Yes", "--output", "MEME.json"),
                new MemeApp().arguments(BIN, new MemeInputs(ALN, null, "Universal", "All", 0.1, 0, true), 2));
    }

    @Test
    void bustedWithoutSynonymousVariationIsNotAskedForAlphaClasses() {
        var in = new BustedInputs(ALN, TREE, "Universal", "Foreground", "No", 3, 3, "Double", 250, 1, 0.05);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "busted",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--branches", "Foreground", "--srv", "No", "--rates", "3", "--multiple-hits", "Double",
                "--grid-size", "250", "--starting-points", "1", "--output", "BUSTED.json"),
                new BustedApp().arguments(BIN, in, 2));
    }

    @Test
    void absrelWithSynonymousVariation() {
        var in = new AbsrelInputs(ALN, TREE, "Universal", "All", "None", true, 2, 0.05);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "absrel",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--branches", "All", "--multiple-hits", "None", "--srv", "Yes", "--syn-rates", "2",
                "--output", "ABSREL.json"),
                new AbsrelApp().arguments(BIN, in, 2));
    }

    @Test
    void relaxNamesItsTestAndReferenceSets() {
        var in = new RelaxInputs(ALN, TREE, "Universal", "Test", "Unlabeled branches", "Minimal", 3, "No", 3, "None", 250, 1, 0.05);
        assertEquals(List.of(BIN, "LIBPATH=/usr/share/hyphy/", "CPU=2", "relax",
                "--alignment", ALN, "--tree", TREE, "--code", "Universal",
                "--mode", "Classic mode", "--test", "Test", "--reference", "Unlabeled branches",
                "--models", "Minimal", "--rates", "3", "--srv", "No", "--multiple-hits", "None",
                "--grid-size", "250", "--starting-points", "1", "--output", "RELAX.json"),
                new RelaxApp().arguments(BIN, in, 2));
    }
}
