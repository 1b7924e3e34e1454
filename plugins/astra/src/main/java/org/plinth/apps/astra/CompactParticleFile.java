package org.plinth.apps.astra;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * An ASTRA particle file stored small, as the ASTRA web API stores finished runs: each of the
 * eight real columns as float32, its mantissa cut to the fewest bits that keep every number
 * within the relative error the user chose, the integer columns exactly, all byte-plane
 * shuffled and deflated. {@link #restore} writes ASTRA's text format back (E12.4 or E20.12, as
 * the original was), so the file reads as before.
 *
 * <p>The numbers kept are those of the file (z, pz and clock of all but the reference particle
 * relative to it), so no precision is lost to a sum. A bound below float32's own precision
 * (2<sup>-24</sup>) keeps float64, which is lossless: bound 0 restores the text byte for byte
 * when it was written in ASTRA's layout. A number float32 cannot hold within the bound (beyond
 * its range, or subnormal) is kept as float64 on its own.
 *
 * <p>Layout: "ASTRA-F32" and version 1; rows (int); the width and digits of the text's numbers
 * (byte, byte); mantissa bits kept (byte: 0…23, or 52 for float64); the bound asked (double); the
 * original's size (long); then deflated: each real column as 4 (or 8) byte planes, the species
 * and status columns as 4 byte planes of int32 each, the escapes (count, then index and float64).
 */
public final class CompactParticleFile {

    private static final byte[] MAGIC = "ASTRA-F32".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    static final int FLOAT64 = 52;
    /** float32's own precision: round to nearest keeps every normal number within half an ulp of 2^-23. */
    static final double FLOAT32_PRECISION = Math.scalb(1.0, -24);
    private static final int REAL_COLUMNS = 8;

    private CompactParticleFile() {
    }

    /** What a compact file says about itself. */
    public record Header(int rows, int width, int digits, int mantissaBits, double relativeError, long originalBytes) {
        boolean float64() {
            return mantissaBits == FLOAT64;
        }
    }

    /** The fewest mantissa bits whose rounding error, at most 2^-(bits+1) relative, is within the bound. */
    static int mantissaBits(double relativeError) {
        if (!(relativeError >= FLOAT32_PRECISION)) {
            return FLOAT64;
        }
        for (int bits = 0; bits <= 23; bits++) {
            if (Math.scalb(1.0, -(bits + 1)) <= relativeError) {
                return bits;
            }
        }
        return 23;
    }

    /** Writes the compact form of an ASTRA particle file; answers its header. */
    public static Header compact(Path original, Path compact, double relativeError) throws IOException {
        if (!(relativeError >= 0) || Double.isInfinite(relativeError)) {
            throw new IllegalArgumentException("the relative error must be 0 or more: " + relativeError);
        }
        Text text = read(original);
        int rows = text.rows;
        int bits = mantissaBits(relativeError);
        Header header = new Header(rows, text.width, text.digits, bits, relativeError, Files.size(original));
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(compact)))) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeInt(rows);
            out.writeByte(text.width);
            out.writeByte(text.digits);
            out.writeByte(bits);
            out.writeDouble(relativeError);
            out.writeLong(header.originalBytes());
            out.flush();
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            try {
                DataOutputStream body = new DataOutputStream(new DeflaterOutputStream(nonClosing(out), deflater, 1 << 16));
                Escapes escapes = new Escapes();
                for (int c = 0; c < REAL_COLUMNS; c++) {
                    double[] column = text.reals[c];
                    if (bits == FLOAT64) {
                        long[] raw = new long[rows];
                        for (int i = 0; i < rows; i++) {
                            raw[i] = Double.doubleToRawLongBits(column[i]);
                        }
                        writePlanes(body, raw, 8);
                    } else {
                        long[] raw = new long[rows];
                        for (int i = 0; i < rows; i++) {
                            double v = column[i];
                            float f = quantize(v, bits);
                            if (Float.isNaN(f) || Math.abs(f - v) > relativeError * Math.abs(v)) {
                                escapes.add(c * rows + i, v); // beyond float32's range, or subnormal
                                f = 0f;
                            }
                            raw[i] = Float.floatToRawIntBits(f) & 0xffffffffL;
                        }
                        writePlanes(body, raw, 4);
                    }
                }
                for (int[] column : new int[][] {text.species, text.status}) {
                    long[] raw = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        raw[i] = column[i] & 0xffffffffL;
                    }
                    writePlanes(body, raw, 4);
                }
                body.writeInt(escapes.count);
                for (int k = 0; k < escapes.count; k++) {
                    body.writeInt(escapes.index[k]);
                    body.writeDouble(escapes.value[k]);
                }
                body.close(); // finishes the deflate stream, leaves the file open
            } finally {
                deflater.end();
            }
        }
        return header;
    }

    /**
     * The float32 nearest to {@code v} with only {@code bits} bits of mantissa: one rounding of
     * the double (to nearest, ties away from zero), so the error is at most 2^-(bits+1) of |v|.
     * NaN when no float32 holds it (too large, or so small that float32 would be subnormal).
     */
    static float quantize(double v, int bits) {
        if (v == 0) {
            return (float) v; // keeps the sign of zero
        }
        long b = Double.doubleToRawLongBits(v);
        int drop = 52 - bits;
        long rounded = (b + (1L << (drop - 1))) & ~((1L << drop) - 1); // a carry into the exponent is right
        double q = Double.longBitsToDouble(rounded);
        float f = (float) q; // exact: at most 24 significant bits
        if (Float.isInfinite(f) || Math.abs(f) < Float.MIN_NORMAL || f != q) {
            return Float.NaN;
        }
        return f;
    }

    private static void writePlanes(DataOutputStream out, long[] values, int bytes) throws IOException {
        byte[] plane = new byte[values.length];
        for (int p = bytes - 1; p >= 0; p--) { // most significant plane first: sign and exponent bytes deflate best
            int shift = p * 8;
            for (int i = 0; i < values.length; i++) {
                plane[i] = (byte) (values[i] >>> shift);
            }
            out.write(plane);
        }
    }

    private static long[] readPlanes(DataInputStream in, int rows, int bytes) throws IOException {
        long[] values = new long[rows];
        byte[] plane = new byte[rows];
        for (int p = bytes - 1; p >= 0; p--) {
            in.readFully(plane);
            int shift = p * 8;
            for (int i = 0; i < rows; i++) {
                values[i] |= (plane[i] & 0xffL) << shift;
            }
        }
        return values;
    }

    public static Header header(Path compact) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(compact)))) {
            return header(in);
        }
    }

    private static Header header(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a compact ASTRA particle file");
        }
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("compact ASTRA particle file of version " + version + "; this reads version " + VERSION);
        }
        return new Header(in.readInt(), in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(),
                in.readDouble(), in.readLong());
    }

    /** Writes the particle file back in ASTRA's text format. */
    public static void restore(Path compact, OutputStream target) throws IOException {
        try (InputStream file = Files.newInputStream(compact)) {
            restore(file, target);
        }
    }

    public static void restore(InputStream source, OutputStream target) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source, 1 << 16));
        Header h = header(in);
        int rows = h.rows();
        DataInputStream body = new DataInputStream(new java.io.BufferedInputStream(new InflaterInputStream(in), 1 << 16));
        double[][] reals = new double[REAL_COLUMNS][];
        for (int c = 0; c < REAL_COLUMNS; c++) {
            long[] raw = readPlanes(body, rows, h.float64() ? 8 : 4);
            double[] column = new double[rows];
            for (int i = 0; i < rows; i++) {
                column[i] = h.float64() ? Double.longBitsToDouble(raw[i]) : Float.intBitsToFloat((int) raw[i]);
            }
            reals[c] = column;
        }
        int[][] ints = new int[2][rows];
        for (int c = 0; c < 2; c++) {
            long[] raw = readPlanes(body, rows, 4);
            for (int i = 0; i < rows; i++) {
                ints[c][i] = (int) raw[i];
            }
        }
        int escapes = body.readInt();
        for (int k = 0; k < escapes; k++) {
            int index = body.readInt();
            double value = body.readDouble();
            reals[index / rows][index % rows] = value;
        }
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.US_ASCII), 1 << 16);
        StringBuilder line = new StringBuilder(REAL_COLUMNS * h.width() + 9);
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            for (int c = 0; c < REAL_COLUMNS; c++) {
                FortranNumbers.formatE(line, reals[c][i], h.width(), h.digits());
            }
            pad(line, Integer.toString(ints[0][i]), 4);
            pad(line, Integer.toString(ints[1][i]), 4);
            line.append('\n');
            w.append(line);
        }
        w.flush();
    }

    private static void pad(StringBuilder line, String s, int width) {
        for (int k = s.length(); k < width; k++) {
            line.append(' ');
        }
        line.append(s);
    }

    /** The numbers of a particle file as written, and the layout of its numbers. */
    private static final class Text {
        double[][] reals = new double[REAL_COLUMNS][1024];
        int[] species = new int[1024];
        int[] status = new int[1024];
        int rows;
        int width = 12;
        int digits = 4;
    }

    private static Text read(Path file) throws IOException {
        Text t = new Text();
        String name = file.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int lineNumber = 0;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length != 10) {
                    throw new IOException(name + " line " + lineNumber + ": " + f.length
                            + " columns, an ASTRA particle file has 10");
                }
                if (t.rows == 0) {
                    layout(t, line, f[0]);
                }
                if (t.rows == t.species.length) {
                    for (int c = 0; c < REAL_COLUMNS; c++) {
                        t.reals[c] = Arrays.copyOf(t.reals[c], t.rows * 2);
                    }
                    t.species = Arrays.copyOf(t.species, t.rows * 2);
                    t.status = Arrays.copyOf(t.status, t.rows * 2);
                }
                try {
                    for (int c = 0; c < REAL_COLUMNS; c++) {
                        t.reals[c][t.rows] = FortranNumbers.parse(f[c]);
                    }
                    t.species[t.rows] = Integer.parseInt(f[8]);
                    t.status[t.rows] = Integer.parseInt(f[9]);
                } catch (NumberFormatException e) {
                    throw new IOException(name + " line " + lineNumber + ": not a number: " + e.getMessage());
                }
                t.rows++;
            }
        }
        if (t.rows == 0) {
            throw new IOException(name + " holds no particles");
        }
        return t;
    }

    /** The text's number layout from its first line: E20.12 (High_res) or E12.4, as ASTRA writes them. */
    private static void layout(Text t, String line, String first) {
        int e = Math.max(first.indexOf('E'), first.indexOf('e'));
        int dot = first.indexOf('.');
        if (dot >= 0 && e > dot) {
            t.digits = Math.max(1, Math.min(20, e - dot - 1));
        }
        int width = 0;
        while (width < line.length() && line.charAt(width) == ' ') {
            width++;
        }
        width += first.length();
        t.width = Math.max(width, t.digits + 8);
    }

    /** Numbers float32 cannot hold within the bound, kept as float64. */
    private static final class Escapes {
        int[] index = new int[16];
        double[] value = new double[16];
        int count;

        void add(int i, double v) {
            if (count == index.length) {
                index = Arrays.copyOf(index, count * 2);
                value = Arrays.copyOf(value, count * 2);
            }
            index[count] = i;
            value[count] = v;
            count++;
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
