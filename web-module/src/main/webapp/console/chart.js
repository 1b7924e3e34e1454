// A line chart of a CSV table with uPlot (from its webjar): the first numeric column is x, every
// other numeric column a series. Generic on purpose: any app's tabular output gets a plot.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

const COLOURS = ['#1f5fbf', '#b3261e', '#1d7a3a', '#8a5a00', '#6b3fa0', '#00838f', '#c2185b'];

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

export function lineChart(table, title) {
  const box = h('div.chart', { role: 'img', 'aria-label': 'Line chart of ' + title });
  const [x, ...ys] = table.columns;
  const width = () => Math.max(260, Math.min(900, box.parentElement ? box.parentElement.clientWidth - 20 : 600));
  let order = table.data[0].map((_, i) => i).sort((a, b) => table.data[0][a] - table.data[0][b]);
  const data = table.data.map(col => order.map(i => col[i]));
  const plot = new uPlot({
    title, width: 600, height: 300,
    scales: { x: { time: false } },
    axes: [{ label: x.name }, {}],
    series: [{ label: x.name }, ...ys.map((c, i) => ({ label: c.name, stroke: COLOURS[i % COLOURS.length], width: 1.5 }))],
  }, data, box);
  requestAnimationFrame(() => plot.setSize({ width: width(), height: 300 }));
  return box;
}
