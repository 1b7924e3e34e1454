package org.plinth.apps.astra;

import java.util.SplittableRandom;

/**
 * Draws an initial particle distribution from a generator {@code &INPUT} namelist in Java, for
 * the common shapes, without ASTRA's binary. The result is a genuine ASTRA particle file:
 * IPart lines, the first the reference particle at the requested position, time and energy.
 *
 * <p>Conventions (ASTRA's units): sig_x/y/z in mm, sig_px/py in eV/c, Nemit_x/y in π mm mrad
 * (when given it sets sig_px = Nemit·mc²/sig_x), cor_px/py in mrad (px gains cor_px·(x/σx)·p),
 * sig_Ekin and cor_Ekin in keV (ΔE gains cor_Ekin·(z/σz); along the clock at a cathode, later
 * is behind), sig_clock, Lt, rt in ns, Lz, rz in mm. Every sigma is the rms of the generated
 * bunch (a cut Gaussian is widened to keep it), and the drawn particles are centred on the
 * reference, so mean position, momentum and energy are exactly the reference's. Plateaus are a
 * flat top of full width at half maximum Lz (Lt) with linear edges of width rz (rt). With
 * Cathode=T the bunch is spread in time at z = Ref_zpos with status −1, as ASTRA's generator does.
 * Not drawn: Add, Noise_reduc (quasi-random sequences; ignored) and ASTRA's other shapes
 * (isotropic, fd_300 …), which the astra engine provides.
 */
public final class NativeGenerator {

    private NativeGenerator() {
    }

    public static ParticleFile generate(Namelist in, long seed) throws Shape.UnsupportedShapeException {
        if (in.logical("Add").orElse(false)) {
            throw new Shape.UnsupportedShapeException("Add=T (adding to an existing file) needs engine astra");
        }
        int n = (int) in.number("IPart").orElse(100.0).doubleValue();
        if (n < 1) {
            throw new Shape.UnsupportedShapeException("IPart must be at least 1");
        }
        Species species = speciesOf(in);
        double mc2 = species.restEnergyEv();
        boolean cathode = in.logical("Cathode").orElse(false);
        boolean probes = in.logical("Probe").orElse(false) && n > 7;
        double refEkin = in.number("Ref_Ekin").orElse(0.0) * 1e6; // eV
        double pRef = momentum(refEkin, mc2);
        double zRef = in.number("Ref_zpos").orElse(0.0);
        double tRef = in.number("Ref_clock").orElse(0.0);
        double q = Math.abs(in.number("Q_total").orElse(1.0)) * species.chargeSign() / n;

        Shape distX = shape(in, "Dist_x");
        Shape distY = shape(in, "Dist_y");
        Shape distPx = shape(in, "Dist_px");
        Shape distPy = shape(in, "Dist_py");
        Shape distZ = shape(in, "Dist_z");
        Shape distPz = shape(in, "Dist_pz");
        for (String v : new String[] {"Dist_px", "Dist_py", "Dist_pz"}) {
            Shape s = shape(in, v);
            if (s == Shape.PLATEAU || s == Shape.RADIAL) {
                throw new Shape.UnsupportedShapeException(v + "='" + s.astraValue() + "' is a shape for positions; "
                        + "momenta take gauss, uniform or inverted");
            }
        }
        if (distX == Shape.PLATEAU || distY == Shape.PLATEAU) {
            throw new Shape.UnsupportedShapeException("plateau is a longitudinal shape (Dist_z); transverse take gauss, "
                    + "uniform, inverted or r");
        }
        if (distZ == Shape.RADIAL) {
            throw new Shape.UnsupportedShapeException("Dist_z='r' is a transverse shape");
        }
        double sigX = in.number("sig_x").orElse(1.0) * 1e-3; // m
        double sigY = in.number("sig_y").orElse(1.0) * 1e-3;
        double sigPx = momentumSpread(in, "x", sigX, mc2);
        double sigPy = momentumSpread(in, "y", sigY, mc2);
        double corPx = in.number("cor_px").orElse(0.0) * 1e-3; // rad
        double corPy = in.number("cor_py").orElse(0.0) * 1e-3;
        double sigZ = in.number("sig_z").orElse(1.0) * 1e-3; // m
        double sigT = in.number("sig_clock").orElse(1e-3); // ns
        double sigE = in.number("sig_Ekin").orElse(0.0) * 1e3; // eV
        double corE = in.number("cor_Ekin").orElse(0.0) * 1e3;

        int m = n - 1 - (probes ? 6 : 0); // drawn particles besides the reference and the probes
        SplittableRandom r = new SplittableRandom(seed);
        double[] ux = new double[m];
        double[] uy = new double[m];
        double[] upx = new double[m];
        double[] upy = new double[m];
        double[] ul = new double[m];
        double[] ue = new double[m];
        for (int i = 0; i < m; i++) {
            if (distX == Shape.RADIAL || distY == Shape.RADIAL) {
                // uniform disk of radius 2 (unit rms per axis)
                double rad = 2 * Math.sqrt(r.nextDouble());
                double phi = 2 * Math.PI * r.nextDouble();
                ux[i] = rad * Math.cos(phi);
                uy[i] = rad * Math.sin(phi);
            } else {
                ux[i] = distX.draw(r, in.number("C_sig_x").orElse(0.0));
                uy[i] = distY.draw(r, in.number("C_sig_y").orElse(0.0));
            }
            upx[i] = distPx.draw(r, in.number("C_sig_px").orElse(0.0));
            upy[i] = distPy.draw(r, in.number("C_sig_py").orElse(0.0));
            ul[i] = distZ == Shape.PLATEAU ? Double.NaN : distZ.draw(r, cathode ? in.number("C_sig_clock").orElse(0.0)
                    : in.number("C_sig_z").orElse(0.0));
            ue[i] = distPz.draw(r, in.number("C_sig_Ekin").orElse(0.0));
        }
        // plateau: a flat top plus a ramp, in physical units directly
        double plateauScale = 1;
        if (distZ == Shape.PLATEAU) {
            double length = cathode ? in.number("Lt").orElse(0.0) : in.number("Lz").orElse(0.0) * 1e-3;
            double rise = cathode ? in.number("rt").orElse(0.0) : in.number("rz").orElse(0.0) * 1e-3;
            if (length <= 0) {
                throw new Shape.UnsupportedShapeException("Dist_z='plateau' needs " + (cathode ? "Lt" : "Lz") + " > 0");
            }
            for (int i = 0; i < m; i++) {
                ul[i] = (r.nextDouble() - 0.5) * length + (r.nextDouble() - 0.5) * rise;
            }
        }
        center(ux);
        center(uy);
        center(upx);
        center(upy);
        center(ul);
        center(ue);
        double sigL = distZ == Shape.PLATEAU ? rms(ul) : (cathode ? sigT : sigZ);
        if (distZ != Shape.PLATEAU) {
            for (int i = 0; i < m; i++) {
                ul[i] *= sigL;
            }
        }

        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        double[] clock = new double[n];
        double[] charge = new double[n];
        int[] spec = new int[n];
        int[] status = new int[n];
        int beam = cathode ? ParticleFile.AT_CATHODE : ParticleFile.ACTIVE;
        java.util.Arrays.fill(z, zRef);
        java.util.Arrays.fill(clock, tRef);
        java.util.Arrays.fill(pz, pRef);
        java.util.Arrays.fill(charge, q);
        java.util.Arrays.fill(spec, species.code());
        java.util.Arrays.fill(status, beam);
        int k = 1;
        if (probes) {
            // ASTRA's six trajectory probes: at half and one sigma in x and y, and ± one sigma along the bunch
            double[][] at = {{sigX / 2, 0, 0}, {0, sigY / 2, 0}, {sigX, 0, 0}, {0, sigY, 0}, {0, 0, sigL}, {0, 0, -sigL}};
            for (double[] a : at) {
                x[k] = a[0];
                y[k] = a[1];
                place(z, clock, k, a[2], cathode);
                status[k++] = cathode ? -ParticleFile.PROBE : ParticleFile.PROBE;
            }
        }
        for (int i = 0; i < m; i++, k++) {
            x[k] = ux[i] * sigX;
            y[k] = uy[i] * sigY;
            place(z, clock, k, ul[i], cathode);
            // along the bunch: ahead is +z, and at a cathode an earlier clock
            double ahead = sigL > 0 ? (cathode ? -ul[i] : ul[i]) / sigL : 0;
            double ekin = Math.max(0, refEkin + ue[i] * sigE + corE * ahead);
            double p = momentum(ekin, mc2);
            px[k] = upx[i] * sigPx + corPx * ux[i] * p;
            py[k] = upy[i] * sigPy + corPy * uy[i] * p;
            pz[k] = Math.sqrt(Math.max(0, p * p - px[k] * px[k] - py[k] * py[k]));
        }
        return new ParticleFile(x, y, z, px, py, pz, clock, charge, spec, status);
    }

    private static void place(double[] z, double[] clock, int k, double offset, boolean cathode) {
        if (cathode) {
            clock[k] += offset;
        } else {
            z[k] += offset;
        }
    }

    private static Species speciesOf(Namelist in) throws Shape.UnsupportedShapeException {
        try {
            return Species.ofName(in.text("Species").orElse("electrons"));
        } catch (IllegalArgumentException e) {
            throw new Shape.UnsupportedShapeException(e.getMessage());
        }
    }

    private static Shape shape(Namelist in, String variable) throws Shape.UnsupportedShapeException {
        return Shape.of(in.text(variable).orElse("gauss"), variable);
    }

    /** sig_px [eV/c], or from the normalised emittance Nemit_x [π mm mrad] when that is given. */
    private static double momentumSpread(Namelist in, String axis, double sigma, double mc2) {
        double emittance = in.number("Nemit_" + axis).orElse(0.0);
        if (emittance > 0 && sigma > 0) {
            return emittance * 1e-6 * mc2 / sigma;
        }
        return in.number("sig_p" + axis).orElse(0.0);
    }

    static double momentum(double ekinEv, double mc2) {
        return Math.sqrt(ekinEv * (ekinEv + 2 * mc2));
    }

    private static void center(double[] v) {
        if (v.length == 0) {
            return;
        }
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
    }

    private static double rms(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return v.length == 0 ? 0 : Math.sqrt(s / v.length);
    }
}
