// The source finder: its preview image with every detected source marked on top (an SVG layer in
// the preview's own pixels, so the marks stay on the sources at any width), and the brightest
// sources as a table; choosing a row picks its mark out.
import { h } from '../dom.js';
import { link } from '../outputs.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_SIDE = 1024; // the plugin's PreviewImage.MAX_SIDE: larger images are binned by a whole factor
const LISTED = 50;

export async function sourceFinderPlots(job, result, outputs) {
  const d = result.data;
  const preview = d && d.outputs && outputs.find(o => o.path === d.outputs.preview);
  if (!preview || !d.image || !Array.isArray(d.sources)) return null;
  const factor = Math.max(1, Math.ceil(Math.max(d.image.width, d.image.height) / MAX_SIDE));
  const img = h('img', { src: await link(job.id, preview.path), alt: `The image with its ${d.count} detected sources circled` });
  const layer = document.createElementNS(SVG, 'svg');
  layer.setAttribute('class', 'marks');
  layer.setAttribute('aria-hidden', 'true');
  const marks = new Map();
  img.addEventListener('load', () => {
    const w = img.naturalWidth;
    const hgt = img.naturalHeight;
    layer.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
    for (const s of d.sources) {
      if (!Number.isFinite(s.x) || !Number.isFinite(s.y)) continue;
      // FITS pixel x covers [x − ½, x + ½]; preview column c covers FITS [c·f + ½, (c+1)·f + ½]; FITS y = 1 is the bottom row
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('cx', (s.x - 0.5) / factor);
      c.setAttribute('cy', hgt - (s.y - 0.5) / factor);
      c.setAttribute('r', Math.max(4, 2 * (s.fwhm || 3) / factor));
      c.dataset.source = s.number;
      const title = document.createElementNS(SVG, 'title');
      title.textContent = label(s);
      c.append(title);
      layer.append(c);
      marks.set(s.number, c);
    }
    figure.dataset.marked = String(marks.size);
  }, { once: true });
  const figure = h('figure.sky', { id: 'source-image' }, h('div.sky-frame', {}, img, layer),
    h('figcaption.small.muted', {}, `${d.count} sources${d.truncated ? ` (${d.listed} listed)` : ''}; image ${d.image.width} × ${d.image.height} px` +
      (factor > 1 ? `, shown binned ${factor} × ${factor}` : '') + '. Positions are FITS pixels (the first pixel\'s centre is 1, 1).'));
  const brightest = [...d.sources].filter(s => Number.isFinite(s.flux)).sort((a, b) => b.flux - a.flux).slice(0, LISTED);
  let chosen = null;
  const rows = brightest.map(s => h('tr', { 'data-source': s.number },
    h('td', { 'data-label': '#' }, h('button.link', { type: 'button', 'aria-pressed': 'false', onclick: e => choose(s.number, e.currentTarget) }, String(s.number))),
    h('td', { 'data-label': 'x, y [px]' }, `${s.x.toFixed(2)}, ${s.y.toFixed(2)}`),
    h('td', { 'data-label': 'RA, Dec [deg]' }, Number.isFinite(s.ra) ? `${s.ra.toFixed(5)}, ${s.dec.toFixed(5)}` : '—'),
    h('td', { 'data-label': 'Flux' }, s.flux.toPrecision(5)),
    h('td', { 'data-label': 'FWHM [px]' }, Number.isFinite(s.fwhm) ? s.fwhm.toFixed(2) : '—'),
    h('td', { 'data-label': 'Flags' }, String(s.flags ?? ''))));
  function choose(number, button) {
    if (chosen) { marks.get(chosen.number)?.classList.remove('chosen'); chosen.button.setAttribute('aria-pressed', 'false'); }
    if (chosen && chosen.number === number) { chosen = null; return; }
    marks.get(number)?.classList.add('chosen');
    button.setAttribute('aria-pressed', 'true');
    chosen = { number, button };
  }
  return h('section.card', { id: 'plots-source-finder', 'aria-labelledby': 'plots-sf-h' }, h('h2', { id: 'plots-sf-h' }, 'Detected sources'), figure,
    h('h3', {}, `The ${brightest.length} brightest`),
    h('div.table-wrap', {}, h('table.responsive', { id: 'sources-table' },
      h('thead', {}, h('tr', {}, ['#', 'x, y [px]', 'RA, Dec [deg]', 'Flux', 'FWHM [px]', 'Flags'].map(t => h('th', {}, t)))), h('tbody', {}, rows))));
}

function label(s) {
  return `#${s.number}: x ${s.x.toFixed(2)}, y ${s.y.toFixed(2)}` + (Number.isFinite(s.flux) ? `, flux ${s.flux.toPrecision(4)}` : '');
}
