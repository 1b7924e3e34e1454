package org.plinth.apps.sourcefinder;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Sources as CSV (RFC 4180, a header row, empty cells for values not measured). */
public final class SourceCsv {

    private SourceCsv() {
    }

    public static void write(List<Source> sources, boolean wcs, int apertures, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("number", "x", "y", "position_error"));
        if (wcs) {
            header.addAll(List.of("ra", "dec"));
        }
        header.addAll(List.of("flux", "flux_error", "mag", "mag_error"));
        for (int i = 1; i <= apertures; i++) {
            header.add("aperture_flux_" + i);
            header.add("aperture_flux_error_" + i);
        }
        header.addAll(List.of("peak", "background", "fwhm", "a", "b", "theta", "ellipticity", "kron_radius", "area", "flags"));
        out.write(String.join(",", header));
        out.write("\r\n");
        for (Source s : sources) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(Integer.toString(s.number()));
            add(cells, s.x(), s.y(), s.positionError());
            if (wcs) {
                add(cells, s.ra(), s.dec());
            }
            add(cells, s.flux(), s.fluxError(), s.mag(), s.magError());
            for (int i = 0; i < apertures; i++) {
                add(cells, at(s.apertureFlux(), i), at(s.apertureFluxError(), i));
            }
            add(cells, s.peak(), s.background(), s.fwhm(), s.a(), s.b(), s.theta(), s.ellipticity(), s.kronRadius(), s.area());
            cells.add(Integer.toString(s.flags()));
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
    }

    private static double at(List<Double> values, int i) {
        return i < values.size() ? values.get(i) : Double.NaN;
    }

    private static void add(List<String> cells, double... values) {
        for (double v : values) {
            cells.add(Double.isFinite(v) ? Double.toString(v) : "");
        }
    }
}
