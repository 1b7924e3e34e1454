package org.plinth.apps.hyphy;

import java.util.List;

/**
 * HyPhy's genetic code names as {@code TemplateModels/chooseGeneticCode.def} of HyPhy 2.5.46
 * lists them. Each method's inputs repeat them in {@code @Choices} (an annotation cannot refer
 * to a list); a test checks every copy against this one and this one against HyPhy's file.
 */
final class GeneticCodes {

    static final List<String> NAMES = List.of("Universal", "Vertebrate-mtDNA", "Yeast-mtDNA",
            "Mold-Protozoan-mtDNA", "Invertebrate-mtDNA", "Ciliate-Nuclear", "Echinoderm-mtDNA",
            "Euplotid-Nuclear", "Alt-Yeast-Nuclear", "Ascidian-mtDNA", "Flatworm-mtDNA",
            "Blepharisma-Nuclear", "Chlorophycean-mtDNA", "Trematode-mtDNA", "Scenedesmus-obliquus-mtDNA",
            "Thraustochytrium-mtDNA", "Pterobranchia-mtDNA", "SR1-and-Gracilibacteria", "Pachysolen-Nuclear",
            "Mesodinium-Nuclear", "Peritrich-Nuclear", "Cephalodiscidae-mtDNA");

    private GeneticCodes() {
    }
}
