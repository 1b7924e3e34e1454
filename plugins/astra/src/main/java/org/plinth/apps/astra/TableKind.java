package org.plinth.apps.astra;

import java.util.List;

/**
 * The tables ASTRA writes along z, named {@code <stem>.<suffix>.<run>}, with their columns as
 * the ASTRA manual and the genuine xfel files give them (Xemit, Yemit, Zemit checked against
 * that run's stdout; TRemit and LandF from the manual: no genuine file was at hand).
 */
public enum TableKind {
    XEMIT("Xemit", List.of(
            new TableColumn("z", "m"), new TableColumn("t", "ns"), new TableColumn("x_mean", "mm"),
            new TableColumn("x_rms", "mm"), new TableColumn("xp_rms", "mrad"),
            new TableColumn("emittance_x_norm", "pi mm mrad"), new TableColumn("x_xp_correlation", "mrad"))),
    YEMIT("Yemit", List.of(
            new TableColumn("z", "m"), new TableColumn("t", "ns"), new TableColumn("y_mean", "mm"),
            new TableColumn("y_rms", "mm"), new TableColumn("yp_rms", "mrad"),
            new TableColumn("emittance_y_norm", "pi mm mrad"), new TableColumn("y_yp_correlation", "mrad"))),
    ZEMIT("Zemit", List.of(
            new TableColumn("z", "m"), new TableColumn("t", "ns"), new TableColumn("kinetic_energy", "MeV"),
            new TableColumn("z_rms", "mm"), new TableColumn("energy_spread", "keV"),
            new TableColumn("emittance_z", "pi keV mm"), new TableColumn("z_energy_correlation", "keV"))),
    TREMIT("TRemit", List.of(
            new TableColumn("z", "m"), new TableColumn("t", "ns"),
            new TableColumn("trace_emittance_x", "pi mm mrad"), new TableColumn("trace_emittance_y", "pi mm mrad"),
            new TableColumn("trace_emittance_z", "pi keV mm"))),
    LANDF("LandF", List.of(
            new TableColumn("z", "m"), new TableColumn("particles", ""), new TableColumn("charge", "nC"),
            new TableColumn("lost_particles", ""), new TableColumn("energy_deposited", "J"),
            new TableColumn("energy_exchange", "J")));

    private final String suffix;
    private final List<TableColumn> columns;

    TableKind(String suffix, List<TableColumn> columns) {
        this.suffix = suffix;
        this.columns = columns;
    }

    public String suffix() {
        return suffix;
    }

    public List<TableColumn> columns() {
        return columns;
    }

    /** The file ASTRA writes for a run: {@code run.Xemit.001} for stem run, run number 1. */
    public String fileName(String stem, int run) {
        return stem + "." + suffix + "." + String.format(java.util.Locale.ROOT, "%03d", run);
    }

    /** A column of an ASTRA table: its name in results and CSV headers, and its unit. */
    public record TableColumn(String name, String unit) {
    }
}
