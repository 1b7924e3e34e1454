// Charts with uPlot (from its webjar): lines along an axis, or points (a scatter, e.g. a phase
// space). One function for every plot of the console, so all look alike and all fit the screen.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

export const COLOURS = ['#1f5fbf', '#b3261e', '#1d7a3a', '#8a5a00', '#6b3fa0', '#00838f', '#c2185b'];

export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter(l => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length < 2) return null;
  const sep = lines[0].includes(',') ? ',' : /\t/.test(lines[0]) ? '\t' : /\s+/;
  const split = l => l.trim().split(sep).map(s => s.trim().replace(/^"|"$/g, ''));
  let header = split(lines[0]);
  let body = lines.slice(1);
  if (header.every(v => v !== '' && !isNaN(Number(v)))) { body = lines; header = header.map((_, i) => 'column ' + (i + 1)); }
  const rows = body.map(split);
  const numeric = header.map((_, i) => rows.every(r => r[i] !== undefined && r[i] !== '' && !isNaN(Number(r[i]))));
  const columns = header.map((name, i) => ({ name, i })).filter(c => numeric[c.i]);
  if (columns.length < 2) return null;
  return { columns, data: columns.map(c => rows.map(r => Number(r[c.i]))) };
}

/** A CSV table as lines: the first numeric column is x, every other one a series. */
export function lineChart(table, title) {
  const [x, ...ys] = table.columns;
  return plot({ title, id: null, x: { label: x.name, values: table.data[0] },
    series: ys.map((c, i) => ({ label: c.name, values: table.data[i + 1] })) });
}

/**
 * A chart. {x: {label, values}, series: [{label, values, right?}], yLabel, y2Label, scatter,
 * marks: [{value, label}] (horizontal lines, e.g. a threshold), symlog, id}. Values need not be sorted;
 * nulls leave gaps. Answers a box whose width follows its container.
 */
export function plot({ title, id, x, series, yLabel, y2Label, scatter = false, marks = [], height = 280, describe, symlog = false }) {
  const box = h('figure.chart', { id, role: 'img', 'aria-label': describe || title + ': ' + series.map(s => s.label).join(', ') + ' against ' + x.label });
  const order = x.values.map((_, i) => i).filter(i => x.values[i] !== null && Number.isFinite(x.values[i]))
    .sort((a, b) => x.values[a] - x.values[b]);
  const data = [order.map(i => x.values[i]), ...series.map(s => order.map(i => finite(s.values[i])))];
  const hasRight = series.some(s => s.right);
  const width = () => Math.max(240, Math.min(900, (box.parentElement ? box.parentElement.clientWidth : 600) - 24));
  const opts = {
    title, width: 600, height,
    // symlog: uPlot's asinh scale, linear near 0 and logarithmic beyond, for values with a few huge ones and zeros
    scales: { x: { time: false }, y: symlog ? { distr: 4, asinh: 1 } : {}, ...(hasRight ? { y2: {} } : {}) },
    axes: [{ label: x.label }, { label: yLabel, scale: 'y' },
      ...(hasRight ? [{ label: y2Label, scale: 'y2', side: 1, grid: { show: false } }] : [])],
    series: [{ label: x.label }, ...series.map((s, i) => {
      const stroke = s.colour || COLOURS[i % COLOURS.length];
      return scatter
        ? { label: s.label, stroke, scale: s.right ? 'y2' : 'y', paths: () => null, points: { show: true, size: 3, width: 0, fill: stroke, stroke } }
        : { label: s.label, stroke, scale: s.right ? 'y2' : 'y', width: 1.5, points: { show: false } };
    })],
    hooks: marks.length ? { draw: [u => drawMarks(u, marks)] } : {},
    cursor: { drag: { x: true, y: scatter } },
  };
  const chart = new uPlot(opts, data, box);
  const fit = () => chart.setSize({ width: width(), height });
  requestAnimationFrame(fit);
  if (typeof ResizeObserver !== 'undefined') {
    let last = 0;
    const watcher = new ResizeObserver(() => {
      if (!box.isConnected) { if (last) { watcher.disconnect(); chart.destroy(); } return; } // left the page
      const w = width();
      if (Math.abs(w - last) > 4) { last = w; fit(); }
    });
    watcher.observe(document.body);
  }
  box.chart = chart;
  return box;
}

function finite(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** Horizontal lines across the plot at y values (a significance threshold). */
function drawMarks(u, marks) {
  const { ctx, bbox } = u;
  ctx.save();
  for (const m of marks) {
    const y = Math.round(u.valToPos(m.value, 'y', true));
    if (y < bbox.top || y > bbox.top + bbox.height) continue;
    ctx.strokeStyle = '#8a5a00';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#8a5a00';
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.fillText(m.label, bbox.left + 4, y - 4);
  }
  ctx.restore();
}
