package org.plinth.apps.hyphy;

import jakarta.validation.constraints.*;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;

/** Inputs of {@code hyphy-meme}; names, defaults and ranges from HyPhy's MEME.bf. */
public record MemeInputs(
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

        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1")
        @Description("The p-value threshold to use when testing for episodic diversifying selection.")
        double pvalue,

        @DefaultValue("0") @Min(0) @Max(1000)
        @Description("Parametric bootstrap replicates per site for site-level null LRT distributions; 0 is off. Much slower.")
        int resample,

        @DefaultValue("true") @Alias("full-model")
        @Description("Re-optimize branch lengths under the full codon model (slower, more precise).")
        boolean fullModel) implements HyphyInputs {
}
