package org.plinth.apps.hyphy;

import jakarta.validation.constraints.*;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.InputFile;

/** Inputs of {@code hyphy-fubar}; names, defaults and ranges from HyPhy's FUBAR.bf. */
public record FubarInputs(
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

        @DefaultValue("20") @Min(5) @Max(50)
        @Description("The number of grid points per dimension (the grid has grid² points).")
        int grid,

        @DefaultValue("\"Variational-Bayes\"") @Choices({"Variational-Bayes", "Collapsed-Gibbs", "Metropolis-Hastings"})
        @Description("Posterior estimation method: Variational-Bayes (fastest, recommended), Collapsed-Gibbs, or Metropolis-Hastings (slowest, the 2013 paper's).")
        String method,

        @DefaultValue("5") @Min(2) @Max(20)
        @Description("How many MCMC chains to run (Metropolis-Hastings only).")
        int chains,

        @DefaultValue("2000000") @Min(5000) @Max(50000000) @Alias("chain-length")
        @Description("MCMC chain length (MCMC methods only).")
        int chainLength,

        @Min(250) @Max(47500000) @Alias("burn-in")
        @Description("MCMC samples used as burn-in (MCMC methods only); HyPhy's default is half the chain length.")
        Integer burnIn,

        @DefaultValue("100") @Min(50)
        @Description("MCMC samples to draw from each chain (MCMC methods only).")
        int samples,

        @DefaultValue("0.5") @DecimalMin("0.001") @DecimalMax("1") @Alias("concentration_parameter")
        @Description("The concentration parameter of the Dirichlet prior.")
        double concentration,

        @DefaultValue("false") @Alias("non-zero")
        @Description("Exclude zero synonymous rates from the grid, so that dN/dS is finite everywhere.")
        boolean nonZero,

        @DefaultValue("0.9") @DecimalMin("0") @DecimalMax("1")
        @Description("Posterior probability at or above which a site is reported (applied by Plinth to HyPhy's table; HyPhy's own report uses 0.9).")
        double posterior) implements HyphyInputs {
}
