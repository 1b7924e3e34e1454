package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.plinth.api.Choices;

/** The genetic code choices are written out in every input record: they must all agree, and agree with HyPhy. */
class GeneticCodesTest {

    @Test
    void everyMethodOffersTheSameCodes() throws Exception {
        for (Class<? extends Record> type : List.of(FelInputs.class, SlacInputs.class, MemeInputs.class, FubarInputs.class,
                BustedInputs.class, AbsrelInputs.class, RelaxInputs.class)) {
            var code = java.util.Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals("code")).findFirst().orElseThrow();
            assertEquals(GeneticCodes.NAMES, List.of(code.getAnnotation(Choices.class).value()), type.getSimpleName());
        }
    }

    @Test
    void theyAreHyphysCodes() throws Exception {
        Path def = HyphyBinary.LIBRARY.resolve("TemplateBatchFiles/TemplateModels/chooseGeneticCode.def");
        Assumptions.assumeTrue(Files.isRegularFile(def), "HyPhy is not installed here (Debian package hyphy-pt)");
        String text = Files.readString(def);
        String options = text.substring(text.indexOf("_geneticCodeOptionMatrix"), text.indexOf("};", text.indexOf("_geneticCodeOptionMatrix")));
        var m = Pattern.compile("\\{\\s*\"([^\"]+)\",").matcher(options);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(names, GeneticCodes.NAMES);
    }
}
