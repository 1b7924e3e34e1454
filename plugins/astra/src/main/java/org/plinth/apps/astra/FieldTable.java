package org.plinth.apps.astra;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.plinth.api.Description;
import org.plinth.api.Unit;

/**
 * A field map given inline, as the ASTRA web API accepts it: positions and field values of the
 * same length, written out as ASTRA's two-column on-axis map (z [m], then Ez or Bz, which ASTRA
 * scales to MaxE or MaxB).
 */
public record FieldTable(
        @NotNull @Size(min = 2, max = 1_000_000) @Unit("m") @Description("Positions along the axis, increasing.")
        List<@NotNull Double> z,
        @NotNull @Size(min = 2, max = 1_000_000) @Description("Field on axis at each z (any scale: ASTRA normalises it).")
        List<@NotNull Double> v) {

    public FieldTable {
        if (z != null && v != null && z.size() != v.size()) {
            throw new IllegalArgumentException("z and v must have the same length (" + z.size() + " and " + v.size() + ")");
        }
        if (z != null) {
            for (int i = 1; i < z.size(); i++) {
                if (!(z.get(i) > z.get(i - 1))) {
                    throw new IllegalArgumentException("z must increase (z[" + i + "] = " + z.get(i) + ")");
                }
            }
        }
    }

    public void write(Writer w) throws IOException {
        for (int i = 0; i < z.size(); i++) {
            w.write(String.format(Locale.ROOT, "%.12E %.12E%n", z.get(i), v.get(i)));
        }
    }
}
