package org.plinth.apps.hyphy;

import jakarta.validation.constraints.*;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;

/** Inputs of {@code hyphy-absrel}; names, defaults and ranges from HyPhy's aBSREL.bf. */
public record AbsrelInputs(
        @NotBlank @InputFile
        @Description("An in-frame codon alignment: FASTA, NEXUS or PHYLIP (an uploaded file's id or job:<id>/<path>).")
        String alignment,

        @InputFile
        @Description("A Newick tree, optionally with {labels}. Without it the tree in the alignment file is used; with a NEXUS file that holds a tree, HyPhy uses that one.")
        String tree,

        @DefaultValue("\"Universal\"")
        @Choices({"Universal", "Vertebrate-mtDNA", "Yeast-mtDNA", "Mold-Protozoan-mtDNA", "Invertebrate-mtDNA",
                "Ciliate-Nuclear", "Echinoderm-mtDNA", "Euplotid-Nuclear", "Alt-Yeast-Nuclear", "Ascidian-mtDNA",
                "Flatworm-mtDNA", "Blepharisma-Nuclear", "Chlorophycean-mtDNA", "Trematode-mtDNA",
                "Scenedesmus-obliquus-mtDNA", "Thraustochytrium-mtDNA", "Pterobranchia-mtDNA", "SR1-and-Gracilibacteria",
                "Pachysolen-Nuclear", "Mesodinium-Nuclear", "Peritrich-Nuclear", "Cephalodiscidae-mtDNA"})
        @Description("Which genetic code should be used.")
        String code,

        @DefaultValue("\"All\"") @Size(max = 100) @Pattern(regexp = Branches.PATTERN, message = Branches.MESSAGE)
        @Description(Branches.DESCRIPTION)
        String branches,

        @DefaultValue("\"None\"") @Alias("multiple-hits") @Choices({"None", "Double", "Double+Triple"})
        @Description("Include support for multiple nucleotide substitutions: None (single changes only), Double, or Double+Triple.")
        String multipleHits,

        @DefaultValue("false")
        @Description("Include synonymous rate variation across sites.")
        boolean srv,

        @DefaultValue("3") @Min(1) @Max(10) @Alias("syn-rates")
        @Description("The number of alpha rate classes (when srv is true).")
        int synRates,

        @DefaultValue("0.05") @DecimalMin("0") @DecimalMax("1")
        @Description("Corrected (Holm-Bonferroni) p-value at or below which a branch is reported (applied by Plinth; HyPhy's report uses 0.05).")
        double pvalue) implements HyphyInputs {
}
