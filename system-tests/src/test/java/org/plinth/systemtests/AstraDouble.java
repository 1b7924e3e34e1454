package org.plinth.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A TEST DOUBLE of ASTRA's binaries, not ASTRA: bash scripts named {@code astra} and
 * {@code parallel_astra} in {@code target/astra-double/} that read the run namelist, check that
 * the Distribution file it names exists, and write outputs in ASTRA's formats: the emittance
 * tables of a genuine ASTRA 3.0 run (see src/test/resources/astra-double/README.txt) cut at the
 * run's ZSTOP, that run's stdout with its final summary set to the numbers of the cut tables'
 * last rows, and the input distribution as the particle file at ZSTOP. So runs with different
 * ZSTOPs (a sweep) give different, checkable results. The real ASTRA cannot be installed
 * here (DESY's download site is unreachable). PlinthTestServer points
 * {@code plinth.apps.astra.binary-path} at this folder unless ASTRA_BINARY_PATH names real binaries.
 */
final class AstraDouble {

    static final Path FOLDER = Path.of("target/astra-double").toAbsolutePath();
    static final List<String> OUTPUTS = List.of("xfel.Xemit.001", "xfel.Yemit.001", "xfel.Zemit.001", "slurm-12613564.out");

    private AstraDouble() {
    }

    private static final String SCRIPT = """
            #!/bin/bash
            # TEST DOUBLE of ASTRA (K. Floettmann, DESY) written by Plinth's system tests (AstraDouble.java).
            # It is NOT ASTRA: it copies the outputs of a genuine ASTRA run. Usage: astra <run>.in
            set -eu
            input="$1"
            stem="${input%.in}"
            here="$(dirname "$0")"
            value() { grep -iE "^[[:space:]]*$1[[:space:]]*=" "$input" | head -1 | sed -E "s/^[^=]*=[[:space:]]*'?([^']*)'?.*$/\\1/" | tr -d ' '; }
            dist="$(value Distribution)"
            run="$(printf %03d "$(value RUN)")"
            zstop="$(value ZSTOP)"
            echo "               Astra - A space charge tracking algorithm (TEST DOUBLE)"
            echo "     Parameter file is:  $input"
            if [ ! -f "$dist" ]; then
              echo " ERROR: Distribution file not found: $dist"
              exit 1
            fi
            # the genuine run's tables up to ZSTOP, as if it had stopped there
            for t in Xemit Yemit Zemit; do
              awk -v z="$zstop" '($1 + 0) <= z + 1e-9' "$here/outputs/xfel.$t.001" > "$stem.$t.$run"
            done
            zcm="$(awk -v z="$zstop" 'BEGIN { printf "%04d", z * 100 + 0.5 }')"
            cp "$dist" "$stem.$zcm.$run"
            # its final summary, with the numbers of the tables' last rows (they agree at the real end)
            read -r xz xt xm xr xp xe xc <<< "$(tail -1 "$stem.Xemit.$run")"
            read -r yz yt ym yr yp ye yc <<< "$(tail -1 "$stem.Yemit.$run")"
            read -r zz zt ze zr zd zeps zc <<< "$(tail -1 "$stem.Zemit.$run")"
            sed -n '/final checkpoint/,$p' "$here/outputs/slurm-12613564.out" | sed -E \
              -e "s/(final checkpoint at +z = +)[^ ]+/\\1$xz/" \
              -e "s/(longitudinal beam position +z = +)[^ ]+/\\1$xz/" \
              -e "s/(horizontal beam position +x = +)[^ ]+/\\1$xm/" \
              -e "s/(vertical beam position +y = +)[^ ]+/\\1$ym/" \
              -e "s/(horizontal beam size +sig x = +)[^ ]+/\\1$xr/" \
              -e "s/(vertical beam size +sig y = +)[^ ]+/\\1$yr/" \
              -e "s/(longitudinal beam size +sig z = +)[^ ]+/\\1$zr/" \
              -e "s/(average kinetic energy +E = +)[^ ]+/\\1$ze/" \
              -e "s/(energy spread +dE = +)[^ ]+/\\1$zd/" \
              -e "s/(transverse beam emittance +eps x = +)[^ ]+/\\1$xe/" \
              -e "s/(transverse beam emittance +eps y = +)[^ ]+/\\1$ye/" \
              -e "s/(longitudinal beam emittance +eps z = +)[^ ]+/\\1$zeps/" \
              -e "s/(correlated divergence +cor x = +)[^ ]+/\\1$xc/" \
              -e "s/(correlated divergence +cor y = +)[^ ]+/\\1$yc/" \
              -e "s/(correlated energy spread +cor z = +)[^ ]+/\\1$zc/"
            """;

    /** Writes the double (idempotent); answers its folder. */
    static Path install() {
        try {
            Files.createDirectories(FOLDER.resolve("outputs"));
            for (String name : OUTPUTS) {
                try (InputStream in = AstraDouble.class.getResourceAsStream("/astra-double/" + name)) {
                    Files.copy(in, FOLDER.resolve("outputs").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String name : List.of("astra", "parallel_astra")) {
                Path p = FOLDER.resolve(name);
                Files.writeString(p, SCRIPT);
                p.toFile().setExecutable(true, false);
            }
            return FOLDER;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binaries the server uses: the real ones when ASTRA_BINARY_PATH names them, else the double. */
    static String binaryPath() {
        String real = System.getenv("ASTRA_BINARY_PATH");
        return real != null && !real.isBlank() ? real : install().toString();
    }

    static boolean real() {
        String real = System.getenv("ASTRA_BINARY_PATH");
        return real != null && !real.isBlank();
    }
}
