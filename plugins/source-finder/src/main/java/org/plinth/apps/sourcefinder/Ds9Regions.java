package org.plinth.apps.sourcefinder;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Sources as a DS9 region file: a circle per source in image coordinates, which are FITS pixel
 * coordinates, the convention the sources already use, so no conversion can go wrong.
 */
public final class Ds9Regions {

    private Ds9Regions() {
    }

    public static void write(List<Source> sources, Writer out) throws IOException {
        out.write("# Region file format: DS9 version 4.1\n");
        out.write("global color=green dashlist=8 3 width=1 font=\"helvetica 10 normal roman\" select=1 edit=1 move=1 delete=1 include=1 source=1\n");
        out.write("image\n");
        for (Source s : sources) {
            if (!Double.isFinite(s.x()) || !Double.isFinite(s.y())) {
                continue;
            }
            out.write(String.format(Locale.ROOT, "circle(%.4f,%.4f,%.2f) # text={%d}%n",
                    s.x(), s.y(), s.markerRadius(), s.number()));
        }
    }
}
