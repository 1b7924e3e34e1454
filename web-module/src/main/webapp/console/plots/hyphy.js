// HyPhy's site methods (FEL, SLAC, MEME, FUBAR): every site's rates and evidence, read from
// HyPhy's own JSON output (its MLE table: one row per codon, the columns it names in its
// headers), with the job's threshold drawn and the sites the result reports listed.
import { h } from '../dom.js';
import { plot } from '../chart.js';
import { readJson } from '../outputs.js';

const MAX_JSON = 64 * 1024 * 1024;

/** Per method: the rate columns, and the evidence columns (p-values, or FUBAR's posteriors). */
const METHODS = {
  FEL: { rates: [['alpha', 'α (synonymous)'], ['beta', 'β (non-synonymous)']], evidence: [['p-value', 'p-value']], kind: 'p' },
  MEME: { rates: [['α', 'α (synonymous)'], ['β+', 'β⁺ (non-synonymous, episodic)']], evidence: [['p-value', 'p-value']], kind: 'p' },
  SLAC: { rates: [['dS', 'dS'], ['dN', 'dN']], evidence: [['P [dN/dS > 1]', 'p (dN/dS > 1)'], ['P [dN/dS < 1]', 'p (dN/dS < 1)']], kind: 'p' },
  FUBAR: { rates: [['alpha', 'α (synonymous)'], ['beta', 'β (non-synonymous)']],
    evidence: [['Prob[alpha<beta]', 'P(β > α)'], ['Prob[alpha>beta]', 'P(α > β)']], kind: 'posterior' },
};

export async function hyphyPlots(job, result, outputs) {
  const d = result.data;
  const method = d && METHODS[d.method];
  const file = d && outputs.find(o => o.path === d.output);
  if (!method || !file) return null;
  const box = h('section.card', { id: 'plots-hyphy', 'aria-labelledby': 'plots-hyphy-h' }, h('h2', { id: 'plots-hyphy-h' }, `${d.method}: every site`));
  if (file.size > MAX_JSON) { box.append(h('p.muted', {}, `${file.path} is too large to plot here; download it.`)); return box; }
  const sites = siteTable(await readJson(job.id, file.path));
  const column = name => sites.columns.indexOf(name);
  const codons = sites.rows.map((_, i) => i + 1);
  const values = i => sites.rows.map(r => (i >= 0 && typeof r[i] === 'number' ? r[i] : null));
  const rates = method.rates.filter(([name]) => column(name) >= 0);
  const evidence = method.evidence.filter(([name]) => column(name) >= 0);
  if (rates.length) {
    box.append(plot({ id: 'hyphy-rates', title: 'Rates per site', x: { label: 'codon', values: codons }, yLabel: 'rate (asinh scale)', symlog: true,
      series: rates.map(([name, label]) => ({ label, values: values(column(name)) })) }));
  }
  if (evidence.length) {
    const threshold = d.threshold;
    box.append(plot({ id: 'hyphy-evidence', title: method.kind === 'p' ? 'p-value per site' : 'Posterior probability per site',
      x: { label: 'codon', values: codons }, yLabel: method.kind === 'p' ? 'p' : 'probability', scatter: true,
      series: evidence.map(([name, label]) => ({ label, values: values(column(name)) })),
      marks: threshold !== undefined ? [{ value: threshold, label: (method.kind === 'p' ? 'p ≤ ' : 'P ≥ ') + threshold }] : [] }));
  }
  const list = (title, s, id) => h('p', { id }, h('strong', {}, `${title} (${s.length}): `),
    s.length ? s.map(x => x.codon).join(', ') : 'none');
  box.append(list('Positive selection', d.positive || [], 'hyphy-positive'));
  if (d.negative) box.append(list('Negative selection', d.negative, 'hyphy-negative'));
  box.append(h('p.small.muted', {}, `${sites.rows.length} sites from ${file.path}; ${d.statistic === 'posterior' ? 'posterior' : 'p-value'} threshold ${d.threshold}.`));
  return box;
}

/**
 * HyPhy's MLE block: {headers: [[name, description]…], content: {"0": rows, "1": rows…}} with a
 * partition's rows as arrays, or (SLAC) {"by-site": {"RESOLVED": rows, "AVERAGED": rows}}.
 * Column names lose HyPhy's HTML (&alpha; → α, <sup>+</sup> → +). Partitions follow each other.
 */
export function siteTable(json) {
  const mle = json && json.MLE;
  if (!mle || !Array.isArray(mle.headers) || !mle.content) throw new Error('no MLE table in HyPhy\'s JSON');
  const columns = mle.headers.map(hd => plain(Array.isArray(hd) ? hd[0] : String(hd)));
  const rows = [];
  for (const key of Object.keys(mle.content).sort((a, b) => Number(a) - Number(b))) {
    const part = mle.content[key];
    const partRows = Array.isArray(part) ? part : part && part['by-site'] ? part['by-site'].RESOLVED || part['by-site'].AVERAGED : null;
    if (Array.isArray(partRows)) rows.push(...partRows);
  }
  return { columns, rows };
}

function plain(name) {
  return name.replace(/&alpha;/g, 'α').replace(/&beta;/g, 'β').replace(/<sup>(.*?)<\/sup>/g, '$1').replace(/<[^>]+>/g, '').trim();
}
