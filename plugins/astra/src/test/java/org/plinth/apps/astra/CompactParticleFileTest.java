package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 codec of particle files: every number within the chosen relative error on the
 * genuine dcgun generator output (E20.12), byte-for-byte round trips where the format allows, and
 * ASTRA's number layout written back exactly as Formatter (and ASTRA) writes it.
 */
class CompactParticleFileTest {

    @TempDir
    Path dir;

    /** The numbers of a particle file as written (10 per line, not made absolute). */
    private static double[][] numbers(byte[] text) {
        List<String> lines = new String(text, StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            rows[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                rows[i][j] = FortranNumbers.parse(f[j]);
            }
        }
        return rows;
    }

    private byte[] roundTrip(Path original, double bound) throws IOException {
        Path compact = dir.resolve(original.getFileName() + "." + bound + ".compact");
        CompactParticleFile.compact(original, compact, bound);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactParticleFile.restore(compact, out);
        System.out.printf(Locale.ROOT, "[compact] %s at %.1e: %d → %d bytes (%.1f×), %d mantissa bits%n",
                original.getFileName(), bound, Files.size(original), Files.size(compact),
                (double) Files.size(original) / Files.size(compact), CompactParticleFile.header(compact).mantissaBits());
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-2, 1e-4, 1e-6, 6e-8})
    void theGenuineDcgunFileStaysWithinTheBound(double bound) throws IOException {
        Path original = Fixtures.path("lume-astra-dcgun/generator.part");
        byte[] restored = roundTrip(original, bound);
        double[][] before = numbers(Files.readAllBytes(original));
        double[][] after = numbers(restored);
        assertEquals(before.length, after.length);
        double worst = 0;
        for (int i = 0; i < before.length; i++) {
            assertEquals(10, after[i].length, "line " + (i + 1));
            for (int j = 0; j < 8; j++) {
                double a = before[i][j];
                double b = after[i][j];
                // the restored text rounds to its 12 digits too: at most half a unit of the 13th digit more
                double allowed = bound * Math.abs(a) + 5e-13 * Math.abs(b);
                assertTrue(Math.abs(a - b) <= allowed, "line " + (i + 1) + " column " + (j + 1) + ": " + a + " became " + b);
                if (a != 0) {
                    worst = Math.max(worst, Math.abs(a - b) / Math.abs(a));
                } else {
                    assertEquals(0.0, b, "a zero stays zero");
                }
            }
            assertEquals(before[i][8], after[i][8], "species, line " + (i + 1));
            assertEquals(before[i][9], after[i][9], "status, line " + (i + 1));
        }
        System.out.printf(Locale.ROOT, "[compact] worst relative error %.3e for a bound of %.1e%n", worst, bound);
        assertTrue(worst > bound / 1e3 || bound < 1e-6, "the bound is used, not wasted: " + worst);
        // the restored file is an ASTRA particle file again: same layout, same statistics
        assertEquals(Files.size(original), restored.length, "E20.12 kept");
        Path back = dir.resolve("restored.part");
        Files.write(back, restored);
        BeamStatistics s0 = ParticleStatistics.of(ParticleFiles.read(original), 10);
        BeamStatistics s1 = ParticleStatistics.of(ParticleFiles.read(back), 10);
        assertEquals(s0.beamParticles(), s1.beamParticles());
        assertEquals(s0.totalChargeNc(), s1.totalChargeNc(), Math.abs(s0.totalChargeNc()) * bound * 2);
        assertEquals(s0.rmsXMm(), s1.rmsXMm(), s0.rmsXMm() * bound * 4);
    }

    @Test
    void boundZeroIsLosslessByteForByte() throws IOException {
        Path original = Fixtures.path("lume-astra-dcgun/generator.part");
        byte[] restored = roundTrip(original, 0);
        assertArrayEquals(Files.readAllBytes(original), restored, "float64 kept, the text written back as it was");
        assertEquals(CompactParticleFile.FLOAT64, CompactParticleFile.header(dir.resolve("generator.part.0.0.compact")).mantissaBits());
    }

    @Test
    void aLowResolutionFileComesBackByteForByteFromFloat32() throws Exception {
        // E12.4 holds 5 digits: float32 with 19 mantissa bits (bound 1e-6) keeps every one
        ParticleFile p = NativeGenerator.generate(NativeGeneratorTest.request("gauss", "gauss").set("IPart", 20_000L), 7);
        Path original = dir.resolve("generator.ini");
        try (Writer w = Files.newBufferedWriter(original, StandardCharsets.US_ASCII)) {
            ParticleFiles.write(p, w, false);
        }
        byte[] restored = roundTrip(original, 1e-6);
        assertArrayEquals(Files.readAllBytes(original), restored);
        assertTrue(Files.size(dir.resolve("generator.ini.1.0E-6.compact")) * 3 < Files.size(original), "at least 3× smaller");
    }

    @Test
    void numbersFloat32CannotHoldAreKeptExactly() throws IOException {
        Path original = dir.resolve("odd.part");
        Files.writeString(original, String.format(Locale.ROOT,
                "%20.12E%20.12E%20.12E%20.12E%20.12E%20.12E%20.12E%20.12E%4d%4d%n".repeat(2),
                1e-3, -0.0, 1e-300, 3e200, 1e-40, 5e6, 0.0, -1e-4, 1, 5,
                2e-3, 0.0, -1e-45, 1.0, 2.0, 4.5e6, 1e-3, -1e-4, 1, -15), StandardCharsets.US_ASCII);
        double[][] after = numbers(roundTrip(original, 1e-3));
        assertEquals(1e-300, after[0][2]);
        assertEquals(3e200, after[0][3]);
        assertEquals(1e-40, after[0][4], "subnormal in float32: kept as float64");
        assertEquals(-1e-45, after[1][2]);
        assertEquals(-15, after[1][9]);
        assertEquals(-0.0, after[0][1], "the sign of zero is kept");
        assertEquals(0.0, after[0][6]);
    }

    @Test
    void notAParticleFileIsRefused() throws IOException {
        Path table = Fixtures.path("astra-web-xfel/xfel.Xemit.001");
        IOException e = assertThrows(IOException.class, () -> CompactParticleFile.compact(table, dir.resolve("x"), 1e-6));
        assertTrue(e.getMessage().contains("7 columns"), e.getMessage());
        Path text = dir.resolve("not.compact");
        Files.writeString(text, "hello");
        assertThrows(IOException.class, () -> CompactParticleFile.restore(text, new ByteArrayOutputStream()));
    }

    @Test
    void theBoundPicksTheMantissa() {
        assertEquals(23, CompactParticleFile.mantissaBits(6e-8));
        assertEquals(19, CompactParticleFile.mantissaBits(1e-6));
        assertEquals(6, CompactParticleFile.mantissaBits(1e-2));
        assertEquals(CompactParticleFile.FLOAT64, CompactParticleFile.mantissaBits(1e-9));
        assertEquals(CompactParticleFile.FLOAT64, CompactParticleFile.mantissaBits(0));
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 100_000; k++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
            int bits = random.nextInt(0, 24);
            float q = CompactParticleFile.quantize(v, bits);
            assertTrue(Math.abs(q - v) <= Math.scalb(1.0, -(bits + 1)) * Math.abs(v), v + " with " + bits + " bits: " + q);
        }
    }

    @Test
    void formatsNumbersAsFormatterDoes() {
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder mine = new StringBuilder();
        for (int k = 0; k < 200_000; k++) {
            double v = switch (k % 4) {
                case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-40, 40));
                case 1 -> (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30)));
                case 2 -> Math.round(random.nextDouble() * 1e5) / 1e5 * Math.pow(10, random.nextInt(-8, 8));
                default -> 9.99995 * Math.pow(10, random.nextInt(-5, 5)); // rounds up to the next power of ten
            };
            for (int[] f : new int[][] {{12, 4}, {20, 12}}) {
                mine.setLength(0);
                FortranNumbers.formatE(mine, v, f[0], f[1]);
                String expected = String.format(Locale.ROOT, "%" + f[0] + "." + f[1] + "E", v);
                assertEquals(expected, mine.toString(), "value " + v);
            }
        }
        mine.setLength(0);
        FortranNumbers.formatE(mine, -0.0, 12, 4);
        assertEquals(String.format(Locale.ROOT, "%12.4E", -0.0), mine.toString());
    }
}
