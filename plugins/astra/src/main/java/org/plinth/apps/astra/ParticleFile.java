package org.plinth.apps.astra;

/**
 * The particles of an ASTRA particle file with every coordinate absolute (the file holds z, pz
 * and clock of all but the first particle relative to that reference particle). Arrays rather
 * than one record per particle: files hold millions of particles.
 *
 * <p>Units as in the file: x, y, z [m]; px, py, pz [eV/c]; clock [ns]; charge [nC] (negative for
 * electrons). Index 0 is the reference particle.
 */
public record ParticleFile(double[] x, double[] y, double[] z, double[] px, double[] py, double[] pz,
                           double[] clock, double[] charge, int[] species, int[] status) {

    /** Status of an active particle (and of the probes, 3). */
    public static final int ACTIVE = 5;
    public static final int PROBE = 3;
    /** Status of a particle waiting at the cathode to be emitted (and of the probes there, -3). */
    public static final int AT_CATHODE = -1;

    public int size() {
        return x.length;
    }

    /** A trajectory probe (3 at the cathode, -3), not part of the beam's statistics. */
    public static boolean isProbe(int status) {
        return Math.abs(status) == PROBE;
    }

    /** Lost or passive: ASTRA marks those with any other negative status. */
    public static boolean isLost(int status) {
        return status < 0 && status != AT_CATHODE && status != -PROBE;
    }

    /** A particle of the beam: active, or at the cathode still to be emitted. */
    public static boolean isBeam(int status) {
        return !isProbe(status) && !isLost(status);
    }
}
