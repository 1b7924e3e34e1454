package org.plinth.apps.astra;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.plinth.api.Alias;
import org.plinth.api.Description;
import org.plinth.api.Unit;

/** A hard-edge quadrupole of {@code &QUADRUPOLE}, element i of its arrays (ASTRA's default fringe field). */
public record Quadrupole(
        @NotNull @Unit("m") @Alias("Q_pos") @Description("Centre of the quadrupole along z.")
        Double position,
        @NotNull @DecimalMin(value = "0", inclusive = false) @Unit("m") @Alias("Q_length") @Description("Effective length.")
        Double length,
        @NotNull @Unit("T/m") @Alias("Q_grad") @Description("Field gradient; positive focuses horizontally (electrons).")
        Double gradient) {
}
