// ASTRA: the beam along z from the Xemit/Yemit/Zemit tables of the job's result (rms sizes,
// normalised emittances, kinetic energy and energy spread), and the phase space of a particle
// file the run wrote (x–x′, y–y′, z–energy), read from the file itself.
import { bytes, h, toast } from '../dom.js';
import { plot } from '../chart.js';
import { readText } from '../outputs.js';

const REST_ENERGY_EV = { 1: 0.51099895e6, 2: 0.51099895e6, 3: 938.27208816e6, 4: 939.29418e6 };
const MAX_PARTICLE_FILE = 64 * 1024 * 1024;
const MAX_POINTS = 20000;

export function astraPlots(job, result, outputs) {
  const tables = result.data && result.data.tables;
  if (!tables) return null;
  const box = h('section.card', { id: 'plots-astra', 'aria-labelledby': 'plots-astra-h' }, h('h2', { id: 'plots-astra-h' }, 'The beam along z'));
  const x = tables.Xemit && tables.Xemit.data;
  const y = tables.Yemit && tables.Yemit.data;
  const z = tables.Zemit && tables.Zemit.data;
  if (x && y) {
    box.append(
      plot({ id: 'astra-size', title: 'rms beam size', x: { label: 'z [m]', values: x.z }, yLabel: 'mm',
        series: [{ label: 'σx [mm]', values: x.x_rms }, { label: 'σy [mm]', values: alignTo(x.z, y.z, y.y_rms) }] }),
      plot({ id: 'astra-emittance', title: 'normalised rms emittance', x: { label: 'z [m]', values: x.z }, yLabel: 'π mm mrad',
        series: [{ label: 'εx [π mm mrad]', values: x.emittance_x_norm }, { label: 'εy [π mm mrad]', values: alignTo(x.z, y.z, y.emittance_y_norm) }] }));
  }
  if (z) {
    box.append(plot({ id: 'astra-energy', title: 'kinetic energy and energy spread', x: { label: 'z [m]', values: z.z },
      yLabel: 'MeV', y2Label: 'keV',
      series: [{ label: 'E kin [MeV]', values: z.kinetic_energy }, { label: 'ΔE rms [keV]', values: z.energy_spread, right: true }] }));
  }
  const files = (result.data.particleFiles || []).map(p => p.file)
    .map(name => outputs.find(o => o.path === name)).filter(Boolean);
  if (files.length) box.append(phaseSpace(job, files));
  return box;
}

/** The generator's bunch: the phase space of the particle file it drew. */
export function generatorPlots(job, result, outputs) {
  const f = result.data && outputs.find(o => o.path === result.data.particleFile);
  if (!f) return null;
  return h('section.card', { id: 'plots-generator', 'aria-labelledby': 'plots-generator-h' },
    h('h2', { id: 'plots-generator-h' }, 'The bunch'), phaseSpace(job, [f]));
}

/** Yemit and Xemit have the same rows in a genuine run; if not, a series is matched by z. */
function alignTo(xs, zs, values) {
  if (zs.length === xs.length && zs.every((v, i) => v === xs[i])) return values;
  const byZ = new Map(zs.map((v, i) => [v, values[i]]));
  return xs.map(v => byZ.has(v) ? byZ.get(v) : null);
}

function phaseSpace(job, files) {
  const file = h('select', { id: 'phase-file' }, files.map((f, i) => h('option', { value: f.path, selected: i === files.length - 1 }, `${f.path} (${bytes(f.size)})`)));
  const plane = h('select', { id: 'phase-plane' }, [['x', 'x – x′'], ['y', 'y – y′'], ['z', 'z – energy']].map(([v, t]) => h('option', { value: v }, t)));
  const out = h('div', { id: 'phase-space', 'aria-live': 'polite' });
  const note = h('p.small.muted');
  let particles = null;
  let loaded = null;
  async function draw() {
    const f = files.find(x => x.path === file.value);
    if (f.size > MAX_PARTICLE_FILE) { out.replaceChildren(h('p.muted', {}, `${f.path} is ${bytes(f.size)}: too large to plot here; download it.`)); return; }
    try {
      if (loaded !== f.path) {
        const { text } = await readText(job.id, f.path, f.size, f.size + 1);
        particles = parseParticles(text);
        loaded = f.path;
      }
      out.replaceChildren(render(particles, plane.value, f.path));
      note.textContent = `${particles.beam} beam particles of ${particles.count}` + (particles.beam > MAX_POINTS ? `, ${MAX_POINTS} of them drawn (every ${Math.ceil(particles.beam / MAX_POINTS)}th)` : '') + '.';
    } catch (e) { toast('Phase space: ' + e.message); out.replaceChildren(h('p.muted', {}, 'Could not read ' + f.path + ': ' + e.message)); }
  }
  file.addEventListener('change', draw);
  plane.addEventListener('change', draw);
  draw();
  return h('div', {}, h('h3', {}, 'Phase space'),
    h('div.inline', {}, h('div', {}, h('label', { for: 'phase-file' }, 'Particle file'), file), h('div', {}, h('label', { for: 'phase-plane' }, 'Plane'), plane)),
    out, note);
}

/**
 * An ASTRA particle file: x y z [m], px py pz [eV/c], clock [ns], charge [nC], species, status;
 * z, pz and clock of every particle but the first are relative to that reference particle.
 * Only the beam is kept: not the trajectory probes (status ±3), not lost particles (other negatives).
 */
export function parseParticles(text) {
  const rows = text.split('\n').map(l => l.trim()).filter(Boolean).map(l => l.split(/\s+/).map(fortran));
  if (!rows.length || rows[0].length < 10) throw new Error('not an ASTRA particle file (10 columns)');
  const ref = rows[0];
  const p = { x: [], xp: [], y: [], yp: [], z: [], e: [], count: rows.length, beam: 0 };
  rows.forEach((r, i) => {
    const status = r[9];
    if (Math.abs(status) === 3 || (status < 0 && status !== -1)) return;
    const pz = i ? r[5] + ref[5] : r[5];
    const z = i ? r[2] : 0;
    const mc2 = REST_ENERGY_EV[r[8]] || REST_ENERGY_EV[1];
    const ptot = Math.hypot(r[3], r[4], pz);
    p.x.push(r[0] * 1e3); p.xp.push(r[3] / pz * 1e3);
    p.y.push(r[1] * 1e3); p.yp.push(r[4] / pz * 1e3);
    p.z.push(z * 1e3); p.e.push((Math.sqrt(ptot * ptot + mc2 * mc2) - mc2) / 1e6);
    p.beam++;
  });
  return p;
}

function fortran(s) {
  return Number(s.replace(/[dD]/, 'E'));
}

function render(p, plane, name) {
  const step = Math.max(1, Math.ceil(p.beam / MAX_POINTS));
  const pick = a => a.filter((_, i) => i % step === 0);
  const [xs, ys, xl, yl] = plane === 'x' ? [p.x, p.xp, 'x [mm]', 'x′ [mrad]'] : plane === 'y' ? [p.y, p.yp, 'y [mm]', 'y′ [mrad]']
    : [p.z, p.e, 'z − z ref [mm]', 'E kin [MeV]'];
  return plot({ id: 'phase-plot', title: `${name}: ${yl.split(' ')[0]} against ${xl.split(' ')[0]}`, scatter: true, height: 320,
    x: { label: xl, values: pick(xs) }, yLabel: yl, series: [{ label: yl, values: pick(ys) }],
    describe: `Phase space of ${name}: ${p.beam} particles, ${yl} against ${xl}` });
}
