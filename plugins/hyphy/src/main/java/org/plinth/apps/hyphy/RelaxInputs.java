package org.plinth.apps.hyphy;

import jakarta.validation.constraints.*;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;

/** Inputs of {@code hyphy-relax}; names, defaults and ranges from HyPhy's RELAX.bf. */
public record RelaxInputs(
        @NotBlank @InputFile
        @Description("An in-frame codon alignment: FASTA, NEXUS or PHYLIP (an uploaded file's id or job:<id>/<path>).")
        String alignment,

        @InputFile
        @Description("A Newick tree whose test branches carry a label such as {Test}. Without it the tree in the alignment file is used.")
        String tree,

        @DefaultValue("\"Universal\"")
        @Choices({"Universal", "Vertebrate-mtDNA", "Yeast-mtDNA", "Mold-Protozoan-mtDNA", "Invertebrate-mtDNA",
                "Ciliate-Nuclear", "Echinoderm-mtDNA", "Euplotid-Nuclear", "Alt-Yeast-Nuclear", "Ascidian-mtDNA",
                "Flatworm-mtDNA", "Blepharisma-Nuclear", "Chlorophycean-mtDNA", "Trematode-mtDNA",
                "Scenedesmus-obliquus-mtDNA", "Thraustochytrium-mtDNA", "Pterobranchia-mtDNA", "SR1-and-Gracilibacteria",
                "Pachysolen-Nuclear", "Mesodinium-Nuclear", "Peritrich-Nuclear", "Cephalodiscidae-mtDNA"})
        @Description("Which genetic code should be used.")
        String code,

        @DefaultValue("\"Test\"") @Size(max = 100) @Pattern(regexp = Branches.PATTERN, message = Branches.MESSAGE)
        @Description("The label of the test branches ({Test} in the tree).")
        String test,

        @DefaultValue("\"Unlabeled branches\"") @Size(max = 100) @Pattern(regexp = Branches.PATTERN, message = Branches.MESSAGE)
        @Description("The reference branches: another label, or 'Unlabeled branches' for all branches without a label.")
        String reference,

        @DefaultValue("\"All\"") @Choices({"All", "Minimal"})
        @Description("All: fit the descriptive models and run the RELAX test (4 models); Minimal: only the RELAX test (2 models).")
        String models,

        @DefaultValue("3") @Min(2) @Max(10)
        @Description("The number of omega rate classes in the model.")
        int rates,

        @DefaultValue("\"No\"") @Choices({"Yes", "No", "Branch-site", "HMM"})
        @Description("Synonymous rate variation: No (the classic test), Yes (site to site), Branch-site, or HMM.")
        String srv,

        @DefaultValue("3") @Min(1) @Max(10) @Alias("syn-rates")
        @Description("The number of alpha rate classes (when srv is not No).")
        int synRates,

        @DefaultValue("\"None\"") @Alias("multiple-hits") @Choices({"None", "Double", "Double+Triple"})
        @Description("Include support for multiple nucleotide substitutions: None (single changes only), Double, or Double+Triple.")
        String multipleHits,

        @DefaultValue("250") @Min(1) @Max(10000) @Alias("grid-size")
        @Description("The number of points in the initial distributional guess for likelihood fitting.")
        int gridSize,

        @DefaultValue("1") @Min(1) @Max(1000) @Alias("starting-points")
        @Description("The number of initial random guesses to seed rate values optimization.")
        int startingPoints,

        @DefaultValue("0.05") @DecimalMin("0") @DecimalMax("1")
        @Description("p-value at or below which the verdict is relaxation or intensification (applied by Plinth; HyPhy's report uses 0.05).")
        double pvalue) implements HyphyInputs {
}
