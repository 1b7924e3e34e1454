package org.plinth.apps.sourcefinder;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.plinth.api.Jsons;

/** Sources as JSON objects; a value not measured (NaN, which JSON cannot hold) is left out. */
public final class SourceJson {

    /** The unit of each key, for the result's {@code units}. */
    public static final JsonObject UNITS = Jsons.createObjectBuilder()
            .add("x", "px (FITS: first pixel's centre is 1)").add("y", "px (FITS: first pixel's centre is 1)")
            .add("positionError", "px").add("ra", "deg (J2000)").add("dec", "deg (J2000)")
            .add("flux", "count").add("fluxError", "count").add("mag", "mag").add("magError", "mag")
            .add("apertureFlux", "count").add("apertureFluxError", "count").add("peak", "count")
            .add("background", "count").add("fwhm", "px").add("a", "px").add("b", "px").add("theta", "deg")
            .add("kronRadius", "a, b").add("area", "px²").build();

    private SourceJson() {
    }

    public static JsonObject of(Source s) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("number", s.number());
        put(b, "x", s.x());
        put(b, "y", s.y());
        put(b, "positionError", s.positionError());
        put(b, "ra", s.ra());
        put(b, "dec", s.dec());
        put(b, "flux", s.flux());
        put(b, "fluxError", s.fluxError());
        put(b, "mag", s.mag());
        put(b, "magError", s.magError());
        b.add("apertureFlux", array(s.apertureFlux()));
        b.add("apertureFluxError", array(s.apertureFluxError()));
        put(b, "peak", s.peak());
        put(b, "background", s.background());
        put(b, "fwhm", s.fwhm());
        put(b, "a", s.a());
        put(b, "b", s.b());
        put(b, "theta", s.theta());
        put(b, "ellipticity", s.ellipticity());
        put(b, "kronRadius", s.kronRadius());
        put(b, "area", s.area());
        return b.add("flags", s.flags()).build();
    }

    public static JsonArrayBuilder array(List<Source> sources, int limit) {
        JsonArrayBuilder a = Jsons.createArrayBuilder();
        sources.stream().limit(limit).forEach(s -> a.add(of(s)));
        return a;
    }

    private static JsonArrayBuilder array(List<Double> values) {
        JsonArrayBuilder a = Jsons.createArrayBuilder();
        values.forEach(v -> {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        });
        return a;
    }

    private static void put(JsonObjectBuilder b, String key, double v) {
        if (Double.isFinite(v)) {
            b.add(key, v);
        }
    }
}
