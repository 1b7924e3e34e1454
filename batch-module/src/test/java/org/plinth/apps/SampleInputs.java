package org.plinth.apps;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.plinth.api.Alias;
import org.plinth.api.Choices;
import org.plinth.api.DefaultValue;
import org.plinth.api.Description;
import org.plinth.api.Unit;

/** An input record with every kind of input the host supports, as an ASTRA-like app would. */
public record SampleInputs(
        @NotNull @Min(1) @Max(1_000_000) @Alias("Ipart") @Description("Number of macro particles") Integer particles,
        @DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false) @Unit("nC") @Alias("Q_total") double charge,
        @DefaultValue("\"gauss\"") @Choices({"gauss", "uniform"}) String distribution,
        @DefaultValue("\"ELECTRONS\"") Species species,
        @DefaultValue("[]") List<Double> positions,
        Boolean verbose) {

    public enum Species { ELECTRONS, PROTONS }
}
