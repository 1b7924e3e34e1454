package org.plinth.apps.astra;

import java.util.ArrayList;
import java.util.List;

/** Computes {@link BeamStatistics} of a particle file the way ASTRA's summary defines them. */
public final class ParticleStatistics {

    private static final double C = 299_792_458.0;

    private ParticleStatistics() {
    }

    public static BeamStatistics of(ParticleFile p, int sliceCount) {
        int n = p.size();
        int atCathode = 0;
        int probes = 0;
        int lost = 0;
        int[] beam = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int s = p.status()[i];
            if (ParticleFile.isProbe(s)) {
                probes++;
            } else if (ParticleFile.isLost(s)) {
                lost++;
            } else {
                beam[m++] = i;
                if (s == ParticleFile.AT_CATHODE) {
                    atCathode++;
                }
            }
        }
        int[] idx = java.util.Arrays.copyOf(beam, m);
        Species species = Species.ofCode(p.species()[0]);
        double mc2 = species.restEnergyEv();
        double[] ekin = new double[n];
        for (int i : idx) {
            double p2 = p.px()[i] * p.px()[i] + p.py()[i] * p.py()[i] + p.pz()[i] * p.pz()[i];
            ekin[i] = Math.sqrt(p2 + mc2 * mc2) - mc2; // eV
        }
        Moments all = new Moments(p, idx, ekin, mc2);
        double charge = 0;
        for (int i : idx) {
            charge += p.charge()[i];
        }
        boolean alongZ = all.rmsZ > 0 || all.rmsClock == 0;
        List<SliceStatistics> slices = slices(p, idx, ekin, mc2, sliceCount, alongZ, all);
        return new BeamStatistics(n, m, atCathode, probes, lost, species.astraName(), charge,
                all.meanX * 1e3, all.meanY * 1e3, all.meanZ, all.meanClock,
                all.rmsX * 1e3, all.rmsY * 1e3, all.rmsZ * 1e3, all.rmsClock,
                all.meanEkin / 1e6, all.rmsEkin / 1e3,
                all.emitX / mc2 * 1e6, all.emitY / mc2 * 1e6, all.emitZ,
                all.corX * 1e3, all.corY * 1e3, all.corEkin / 1e3,
                alongZ ? "z" : "clock", slices);
    }

    private static List<SliceStatistics> slices(ParticleFile p, int[] idx, double[] ekin, double mc2, int count,
                                                boolean alongZ, Moments all) {
        List<SliceStatistics> out = new ArrayList<>();
        if (count < 1 || idx.length == 0) {
            return out;
        }
        double[] axis = alongZ ? p.z() : p.clock();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : idx) {
            lo = Math.min(lo, axis[i]);
            hi = Math.max(hi, axis[i]);
        }
        double width = (hi - lo) / count;
        int[][] members = new int[count][];
        int[] sizes = new int[count];
        int[] which = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int s = width > 0 ? (int) Math.min(count - 1, Math.floor((axis[idx[k]] - lo) / width)) : 0;
            which[k] = s;
            sizes[s]++;
        }
        for (int s = 0; s < count; s++) {
            members[s] = new int[sizes[s]];
            sizes[s] = 0;
        }
        for (int k = 0; k < idx.length; k++) {
            members[which[k]][sizes[which[k]]++] = idx[k];
        }
        double mean = alongZ ? all.meanZ : all.meanClock;
        double gamma = all.meanEkin / mc2 + 1;
        double beta = Math.sqrt(1 - 1 / (gamma * gamma));
        for (int s = 0; s < count; s++) {
            Moments sm = new Moments(p, members[s], ekin, mc2);
            double charge = 0;
            for (int i : members[s]) {
                charge += p.charge()[i];
            }
            // time the slice takes to pass: its length over the beam's speed, or its clock width
            double seconds = alongZ ? width / (beta * C) : width * 1e-9;
            double current = seconds > 0 ? Math.abs(charge) * 1e-9 / seconds : Double.NaN;
            double centre = lo + (s + 0.5) * width - mean;
            out.add(new SliceStatistics(s, alongZ ? centre * 1e3 : centre, members[s].length, charge, current,
                    sm.rmsX * 1e3, sm.rmsY * 1e3, sm.emitX / mc2 * 1e6, sm.emitY / mc2 * 1e6,
                    sm.meanEkin / 1e6, sm.rmsEkin / 1e3));
        }
        return out;
    }

    /**
     * First and second moments over a set of particles, in SI-ish file units: m, eV/c, ns, eV.
     * emitX is sqrt(det) of the (x, px) covariance [m eV/c]; over mc² it is the normalised emittance.
     */
    private static final class Moments {
        double meanX, meanY, meanZ, meanClock, meanEkin;
        double rmsX, rmsY, rmsZ, rmsClock, rmsEkin;
        double emitX, emitY, emitZ, corX, corY, corEkin;

        Moments(ParticleFile p, int[] idx, double[] ekin, double mc2) {
            int n = idx.length;
            if (n == 0) {
                meanX = meanY = meanZ = meanClock = meanEkin = Double.NaN;
                rmsX = rmsY = rmsZ = rmsClock = rmsEkin = Double.NaN;
                emitX = emitY = emitZ = corX = corY = corEkin = Double.NaN;
                return;
            }
            double mpx = 0, mpy = 0, mxp = 0, myp = 0;
            for (int i : idx) {
                meanX += p.x()[i];
                meanY += p.y()[i];
                meanZ += p.z()[i];
                meanClock += p.clock()[i];
                meanEkin += ekin[i];
                mpx += p.px()[i];
                mpy += p.py()[i];
                mxp += angle(p.px()[i], p.pz()[i]);
                myp += angle(p.py()[i], p.pz()[i]);
            }
            meanX /= n;
            meanY /= n;
            meanZ /= n;
            meanClock /= n;
            meanEkin /= n;
            mpx /= n;
            mpy /= n;
            mxp /= n;
            myp /= n;
            double xx = 0, pxpx = 0, xpx = 0, yy = 0, pypy = 0, ypy = 0, zz = 0, tt = 0, ee = 0, ze = 0, xxp = 0, yyp = 0;
            for (int i : idx) {
                double dx = p.x()[i] - meanX;
                double dy = p.y()[i] - meanY;
                double dz = p.z()[i] - meanZ;
                double dt = p.clock()[i] - meanClock;
                double de = ekin[i] - meanEkin;
                double dpx = p.px()[i] - mpx;
                double dpy = p.py()[i] - mpy;
                xx += dx * dx;
                pxpx += dpx * dpx;
                xpx += dx * dpx;
                yy += dy * dy;
                pypy += dpy * dpy;
                ypy += dy * dpy;
                zz += dz * dz;
                tt += dt * dt;
                ee += de * de;
                ze += dz * de;
                xxp += dx * (angle(p.px()[i], p.pz()[i]) - mxp);
                yyp += dy * (angle(p.py()[i], p.pz()[i]) - myp);
            }
            xx /= n;
            pxpx /= n;
            xpx /= n;
            yy /= n;
            pypy /= n;
            ypy /= n;
            zz /= n;
            tt /= n;
            ee /= n;
            ze /= n;
            rmsX = Math.sqrt(xx);
            rmsY = Math.sqrt(yy);
            rmsZ = Math.sqrt(zz);
            rmsClock = Math.sqrt(tt);
            rmsEkin = Math.sqrt(ee);
            emitX = Math.sqrt(Math.max(0, xx * pxpx - xpx * xpx));
            emitY = Math.sqrt(Math.max(0, yy * pypy - ypy * ypy));
            // m·eV is numerically keV·mm, ASTRA's unit of the longitudinal emittance
            emitZ = Math.sqrt(Math.max(0, zz * ee - ze * ze));
            corX = rmsX > 0 ? xxp / n / rmsX : 0;
            corY = rmsY > 0 ? yyp / n / rmsY : 0;
            corEkin = rmsZ > 0 ? ze / rmsZ : 0;
        }

        private static double angle(double pt, double pz) {
            return pz != 0 ? pt / pz : 0;
        }
    }
}
