package org.plinth.apps.astra;

/**
 * The particle kinds of ASTRA's particle files (column 9) with the rest energy the statistics
 * need to normalise momenta.
 */
public enum Species {
    ELECTRONS(1, "electrons", 0.51099895e6, -1),
    POSITRONS(2, "positrons", 0.51099895e6, 1),
    PROTONS(3, "protons", 938.27208816e6, 1),
    /** ASTRA's "hydrogen" ions; taken as H⁻ (a proton and two electrons less the binding energy). */
    HYDROGEN(4, "hydrogen", 939.29418e6, -1);

    private final int code;
    private final String astraName;
    private final double restEnergyEv;
    private final int chargeSign;

    Species(int code, String astraName, double restEnergyEv, int chargeSign) {
        this.code = code;
        this.astraName = astraName;
        this.restEnergyEv = restEnergyEv;
        this.chargeSign = chargeSign;
    }

    public int code() {
        return code;
    }

    /** The value of the generator's {@code Species}. */
    public String astraName() {
        return astraName;
    }

    /** m c² [eV]. */
    public double restEnergyEv() {
        return restEnergyEv;
    }

    /** The sign of the macro-charge column for this species. */
    public int chargeSign() {
        return chargeSign;
    }

    public static Species ofCode(int code) {
        for (Species s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown ASTRA species code " + code);
    }

    public static Species ofName(String name) {
        for (Species s : values()) {
            if (s.astraName.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown species '" + name + "'; known: electrons, positrons, protons, hydrogen");
    }
}
