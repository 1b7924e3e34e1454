package org.plinth.apps.astra;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plinth.api.Jsons;

/**
 * What ASTRA's standard output says: whether it finished ("finished simulation … Goodbye."; a
 * run that stops without it failed even with exit status 0), its warnings and errors, and the
 * beam summary it prints at the end of tracking.
 *
 * @param finalBeam the last summary block, by symbol: N, Q [nC], x y [mm], z [m], sig x, sig y,
 *                  sig z [mm], E [MeV], dE [keV], eps x, eps y [π mrad mm], cor x, cor y [mrad],
 *                  eps z [π keV mm], cor z [keV]
 */
public record AstraStdout(boolean finished, String version, Map<String, Double> finalBeam,
                          List<String> warnings, List<String> errors) {

    private static final Pattern SUMMARY_LINE = Pattern.compile(
            "^\\s+[A-Za-z][A-Za-z .()/]*?\\s{2,}([A-Za-z][A-Za-z ]{0,6}?)\\s+=\\s+(\\S+)");
    private static final Pattern VERSION = Pattern.compile("^\\s+Version\\s+(\\S+)");

    public static AstraStdout parse(String text) {
        boolean finished = text.contains("finished simulation") || text.contains("Goodbye.");
        String version = null;
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Double> block = new LinkedHashMap<>();
        Map<String, Double> last = Map.of();
        boolean inBlock = false;
        for (String line : text.split("\\R")) {
            Matcher v = VERSION.matcher(line);
            if (version == null && v.find()) {
                version = v.group(1);
            }
            String t = line.strip();
            if (t.startsWith("WARNING")) {
                warnings.add(t);
            } else if (t.startsWith("ERROR") || t.startsWith("Error") || t.contains("*** ERROR")) {
                errors.add(t);
            }
            if (t.startsWith("Particles taken into account")) {
                inBlock = true;
                block = new LinkedHashMap<>();
            }
            if (inBlock) {
                Matcher m = SUMMARY_LINE.matcher(line);
                if (m.find()) {
                    try {
                        block.put(m.group(1).strip(), FortranNumbers.parse(m.group(2)));
                    } catch (NumberFormatException e) {
                        // a label with a word after '=' is not part of the summary
                    }
                } else if (t.isEmpty() || t.startsWith("emittance ratio")) {
                    inBlock = false;
                    if (block.containsKey("N")) {
                        last = block;
                    }
                }
            }
        }
        if (inBlock && block.containsKey("N")) {
            last = block;
        }
        return new AstraStdout(finished, version, Map.copyOf(last), List.copyOf(warnings), List.copyOf(errors));
    }

    public JsonObject finalBeamJson() {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        for (String[] k : new String[][] {{"N", "particles"}, {"Q", "totalCharge_nC"}, {"x", "meanX_mm"},
                {"y", "meanY_mm"}, {"z", "z_m"}, {"sig x", "rmsX_mm"}, {"sig y", "rmsY_mm"}, {"sig z", "bunchLength_mm"},
                {"E", "meanKineticEnergy_MeV"}, {"dE", "energySpread_keV"}, {"eps x", "emittanceX_norm_pi_mm_mrad"},
                {"eps y", "emittanceY_norm_pi_mm_mrad"}, {"eps z", "emittanceZ_pi_keV_mm"},
                {"cor x", "correlatedDivergenceX_mrad"}, {"cor y", "correlatedDivergenceY_mrad"},
                {"cor z", "correlatedEnergySpread_keV"}}) {
            Double v = finalBeam.get(k[0]);
            if (v != null && Double.isFinite(v)) {
                b.add(k[1], v);
            }
        }
        return b.build();
    }
}
