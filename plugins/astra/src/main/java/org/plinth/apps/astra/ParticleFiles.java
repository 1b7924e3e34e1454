package org.plinth.apps.astra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads and writes ASTRA particle files: ten columns x y z px py pz clock charge species status,
 * the first line the reference particle, the others relative to it in z, pz and clock.
 * {@code High_res} files use E20.12, the others E12.4; ASTRA reads either with list-directed input.
 */
public final class ParticleFiles {

    private ParticleFiles() {
    }

    public static ParticleFile read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return read(r, file.getFileName().toString());
        }
    }

    public static ParticleFile read(BufferedReader r, String name) throws IOException {
        Columns c = new Columns(1024);
        String line;
        int lineNumber = 0;
        while ((line = r.readLine()) != null) {
            lineNumber++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 10) {
                throw new IOException(name + " line " + lineNumber + ": " + f.length
                        + " columns, an ASTRA particle file has 10 (x y z px py pz clock charge species status)");
            }
            try {
                c.add(FortranNumbers.parse(f[0]), FortranNumbers.parse(f[1]), FortranNumbers.parse(f[2]),
                        FortranNumbers.parse(f[3]), FortranNumbers.parse(f[4]), FortranNumbers.parse(f[5]),
                        FortranNumbers.parse(f[6]), FortranNumbers.parse(f[7]),
                        Integer.parseInt(f[8]), Integer.parseInt(f[9]));
            } catch (NumberFormatException e) {
                throw new IOException(name + " line " + lineNumber + ": not a number: " + e.getMessage());
            }
        }
        if (c.n == 0) {
            throw new IOException(name + " holds no particles");
        }
        ParticleFile p = c.build();
        for (int i = 1; i < p.size(); i++) { // relative to the reference particle
            p.z()[i] += p.z()[0];
            p.pz()[i] += p.pz()[0];
            p.clock()[i] += p.clock()[0];
        }
        return p;
    }

    /** Writes the particles (absolute coordinates) in ASTRA's form. */
    public static void write(ParticleFile p, Writer w, boolean highResolution) throws IOException {
        String real = highResolution ? "%20.12E" : "%12.4E";
        String format = real.repeat(8) + "%4d%4d%n";
        for (int i = 0; i < p.size(); i++) {
            boolean ref = i == 0;
            w.write(String.format(Locale.ROOT, format, p.x()[i], p.y()[i], ref ? p.z()[i] : p.z()[i] - p.z()[0],
                    p.px()[i], p.py()[i], ref ? p.pz()[i] : p.pz()[i] - p.pz()[0],
                    ref ? p.clock()[i] : p.clock()[i] - p.clock()[0], p.charge()[i], p.species()[i], p.status()[i]));
        }
    }

    /** Growable columns, so a file is read in one pass without a list of boxed rows. */
    private static final class Columns {
        double[][] d;
        int[][] k;
        int n;

        Columns(int capacity) {
            d = new double[8][capacity];
            k = new int[2][capacity];
        }

        void add(double x, double y, double z, double px, double py, double pz, double clock, double charge,
                 int species, int status) {
            if (n == d[0].length) {
                for (int j = 0; j < 8; j++) {
                    d[j] = Arrays.copyOf(d[j], n * 2);
                }
                for (int j = 0; j < 2; j++) {
                    k[j] = Arrays.copyOf(k[j], n * 2);
                }
            }
            double[] v = {x, y, z, px, py, pz, clock, charge};
            for (int j = 0; j < 8; j++) {
                d[j][n] = v[j];
            }
            k[0][n] = species;
            k[1][n] = status;
            n++;
        }

        ParticleFile build() {
            double[][] t = new double[8][];
            for (int j = 0; j < 8; j++) {
                t[j] = Arrays.copyOf(d[j], n);
            }
            return new ParticleFile(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7],
                    Arrays.copyOf(k[0], n), Arrays.copyOf(k[1], n));
        }
    }
}
