// One job, live: its timeline, progress, batch steps, logs, outputs with previews, the app's own
// plots, the result, deliveries, and the actions its state allows. State changes arrive over
// the event stream (?job=); the logs are read from the offset reached so far after each event,
// and every 2 s while the job runs (a log growing makes no event).
import { call } from '../api.js';
import { bytes, clear, h, problemText, stateBadge, toast, when } from '../dom.js';
import { followJobs } from '../events.js';
import { lineChart, parseCsv } from '../chart.js';
import { download, link, readText, TEXT_PREVIEW_BYTES } from '../outputs.js';
import { plotsFor } from '../plots/index.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
/** Batch statuses of an execution or step the batch runtime has not closed yet. */
const BATCH_OPEN = ['STARTING', 'STARTED', 'STOPPING'];
const IMAGE_PREVIEW_BYTES = 32 * 1024 * 1024;
/** What each step of the batch job app-run does (batch-module's app-run.xml). */
const STEP_ROLES = { stage: 'inputs staged into the workspace, the command prepared',
  execute: 'the app runs (a local process, a SLURM job, or in the server)', collect: 'outputs read, the result made' };

export async function render(main, [id], ctx) {
  let job = await call('/jobs/' + id);
  const title = h('h1');
  const summary = h('div.card', { id: 'job-summary' });
  const actions = h('div.actions', { id: 'job-actions' });
  const progress = h('div', { id: 'job-progress' });
  const timeline = h('ol.timeline', { id: 'job-timeline', 'aria-label': 'State timeline' });
  const steps = h('div', { id: 'job-steps' });
  const logs = { stdout: { offset: 0, pre: h('pre', { id: 'log-stdout', tabindex: 0, 'aria-label': 'stdout' }) },
    stderr: { offset: 0, pre: h('pre', { id: 'log-stderr', tabindex: 0, 'aria-label': 'stderr', hidden: true }) } };
  const tabs = h('div.tabs', { role: 'tablist', 'aria-label': 'Logs' }, ['stdout', 'stderr'].map(s => h('button', { type: 'button', role: 'tab',
    id: 'tab-' + s, 'aria-selected': String(s === 'stdout'), 'aria-controls': 'log-' + s, onclick: () => {
      for (const k of Object.keys(logs)) { logs[k].pre.hidden = k !== s; document.getElementById('tab-' + k).setAttribute('aria-selected', String(k === s)); }
    } }, s)));
  const outputs = h('div', { id: 'job-outputs' });
  const previewBox = h('div.preview', { id: 'preview', 'aria-live': 'polite' });
  const plots = h('div', { id: 'job-plots' });
  const result = h('div', { id: 'job-result' });
  const deliveries = h('div', { id: 'job-deliveries' });
  main.append(title, summary, actions, progress, h('h2', {}, 'Timeline'), timeline,
    h('h2', {}, 'Batch steps'), steps,
    h('h2', {}, 'Logs'), tabs, logs.stdout.pre, logs.stderr.pre,
    plots, h('h2', {}, 'Outputs'), outputs, previewBox, h('h2', {}, 'Result'), result, deliveries);

  let outputsShown = false;
  let shownState = null;
  function show() {
    clear(title, job.name || 'Job ' + job.id.slice(0, 8), ' ', stateBadge(job.state));
    title.dataset.state = job.state;
    clear(summary, h('dl.pairs.small', {},
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, job.id)),
      h('dt', {}, 'App'), h('dd', {}, job.app + ' ' + job.appVersion),
      h('dt', {}, 'Owner'), h('dd', {}, job.owner),
      h('dt', {}, 'Resources'), h('dd', {}, `${job.resources.cores} cores, ${job.resources.memoryMb} MB, ${job.resources.walltimeSeconds} s${job.resources.gpus ? `, ${job.resources.gpus} GPUs` : ''}`),
      job.executor ? [h('dt', {}, 'Executor'), h('dd', {}, job.executor + (job.externalId ? ' (' + job.externalId + ')' : ''))] : null,
      job.message ? [h('dt', {}, 'Message'), h('dd', {}, job.message)] : null,
      job.exitCode !== undefined ? [h('dt', {}, 'Exit code'), h('dd', {}, String(job.exitCode))] : null,
      job.rerunOf ? [h('dt', {}, 'Rerun of'), h('dd', {}, h('a', { href: '#/jobs/' + job.rerunOf }, job.rerunOf))] : null));
    clear(timeline, job.history.map(t => h('li', { 'data-state': t.state }, stateBadge(t.state), ' ', when(t.at), t.message ? ' — ' + t.message : '')));
    const p = TERMINAL.includes(job.state) ? null : job.progress; // an ended job's last report is history
    clear(progress, p ? h('div', {}, h('label', { for: 'progress-bar' }, 'Progress ', Math.round(p.fraction * 100) + '%', p.message ? ' — ' + p.message : ''),
      h('progress', { id: 'progress-bar', max: 1, value: p.fraction })) : null);
    const terminal = TERMINAL.includes(job.state);
    const mayControl = ctx.isAdmin || job.owner === ctx.me.user;
    clear(actions, mayControl ? [
      !terminal ? h('button.danger', { type: 'button', id: 'cancel', onclick: () => act('cancel') }, 'Cancel') : null,
      job.state === 'NEW' ? h('button', { type: 'button', onclick: () => act('start') }, 'Start') : null,
      ['FAILED', 'CANCELLED', 'TIMED_OUT'].includes(job.state) ? h('button.secondary', { type: 'button', id: 'restart', onclick: () => act('restart') }, 'Restart') : null,
      h('button.secondary', { type: 'button', id: 'rerun', onclick: () => act('rerun') }, 'Rerun'),
      terminal || job.state === 'NEW' ? h('button.secondary', { type: 'button', id: 'delete', onclick: remove }, 'Delete') : null,
    ] : h('span.muted', {}, 'Shared with you to read.'),
    h('button.secondary', { type: 'button', id: 'download-all', onclick: () => save(null) }, 'Download all (tar.gz)'));
    if (shownState !== job.state) { shownState = job.state; stepRetries = 0; loadSteps(); }
    if (terminal && !outputsShown) { outputsShown = true; loadOutputs(); }
    if (mayControl && job.callback) loadDeliveries();
  }

  async function act(what) {
    try {
      const r = await call('/jobs/' + job.id + '/' + what, { method: 'POST' });
      if (what === 'rerun') { location.hash = '#/jobs/' + r.id; return; }
      job = r; show(); toast(what + ': ' + r.state);
    } catch (e) { toast(problemText(e.problem) || e.message); }
  }
  async function remove() {
    if (!confirm('Delete this job and its files?')) return;
    try { await call('/jobs/' + job.id, { method: 'DELETE' }); location.hash = '#/jobs'; } catch (e) { toast(e.message); }
  }
  async function save(path) {
    try { await download(job.id, path); } catch (e) { toast('Download failed: ' + (problemText(e.problem) || e.message)); }
  }

  // A job ends inside its last step (collect records the outcome), so the batch runtime closes
  // that step and its execution a moment after the last state event: an ended job's steps are
  // read again until the runtime has caught up (at most 30 times, 500 ms apart).
  let stepRetries = 0;
  let stepTimer = null;
  async function loadSteps() {
    clearTimeout(stepTimer);
    try {
      const s = await call('/jobs/' + job.id + '/steps');
      const open = (s.executions || []).some(e => BATCH_OPEN.includes(e.batchStatus) || e.steps.some(st => BATCH_OPEN.includes(st.batchStatus)));
      if (TERMINAL.includes(job.state) && open && stepRetries++ < 30) stepTimer = setTimeout(loadSteps, 500);
      if (s.unavailable) { clear(steps, h('p.muted', {}, s.unavailable)); return; }
      if (!s.executions.length) { clear(steps, h('p.muted', {}, 'Not started in the batch runtime yet.')); return; }
      clear(steps, s.executions.map((e, n) => h('section.card', { 'data-execution': e.executionId },
        h('h3', {}, n === 0 ? 'Run' : 'Restart ' + n, ` — batch execution ${e.executionId} of ${s.batchJob}: `, h('span', { 'data-batch-status': e.batchStatus }, e.batchStatus),
          e.exitStatus && e.exitStatus !== e.batchStatus ? ' (' + e.exitStatus + ')' : ''),
        h('div.table-wrap', {}, h('table.responsive', {},
          h('thead', {}, h('tr', {}, ['Step', 'Status', 'Started', 'Took', 'What it does'].map(x => h('th', {}, x)))),
          h('tbody', {}, e.steps.map(st => h('tr', { 'data-step': st.name, 'data-batch-status': st.batchStatus },
            h('td', { 'data-label': 'Step' }, h('strong', {}, st.name)),
            h('td', { 'data-label': 'Status' }, st.batchStatus + (st.exitStatus && st.exitStatus !== st.batchStatus ? ' (' + st.exitStatus + ')' : '')),
            h('td', { 'data-label': 'Started' }, when(st.startedAt)),
            h('td', { 'data-label': 'Took' }, took(st.startedAt, st.endedAt)),
            h('td', { 'data-label': 'What it does' }, STEP_ROLES[st.name] || '',
              Object.keys(st.metrics).length ? h('span.muted.small', {}, ' ' + Object.entries(st.metrics).map(([k, v]) => k + ' ' + v).join(', ')) : '')))))))));
    } catch (e) { clear(steps, h('p.muted', {}, problemText(e.problem) || e.message)); }
  }

  async function readLogs() {
    for (const [stream, log] of Object.entries(logs)) {
      try {
        const r = await call(`/jobs/${job.id}/logs?stream=${stream}&offset=${log.offset}`, { raw: true, headers: { Accept: 'text/plain' } });
        const text = await r.text();
        log.offset = Number(r.headers.get('X-Next-Offset') || log.offset + text.length);
        // tools colour their terminal output (HyPhy does): the escape codes are noise here
        if (text) { log.pre.append(text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')); log.pre.scrollTop = log.pre.scrollHeight; }
      } catch (e) { if (e.status !== 410) break; }
    }
  }

  async function loadOutputs() {
    let files = [];
    try {
      ({ files } = await call('/jobs/' + job.id + '/outputs'));
      clear(outputs, files.length ? h('div.table-wrap', {}, h('table.responsive', { id: 'outputs-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Size'), h('th', {}, 'Type'), h('th', {}, ''))),
        h('tbody', {}, files.map(f => h('tr', { 'data-path': f.path },
          h('td', { 'data-label': 'File' }, f.path), h('td', { 'data-label': 'Size' }, bytes(f.size)), h('td', { 'data-label': 'Type' }, f.mediaType),
          h('td', {}, h('div.actions', {},
            previewable(f) ? h('button.secondary', { type: 'button', 'data-preview': f.path, onclick: () => preview(f) }, 'Preview') : null,
            h('button.secondary', { type: 'button', 'data-download': f.path, onclick: () => save(f.path) }, 'Download')))))))) : h('p.muted', {}, 'No output files.'));
    } catch (e) { clear(outputs, h('p.muted', {}, problemText(e.problem) || e.message)); }
    const r = await loadResult();
    const plotter = plotsFor(job.app);
    const appPlots = plotter && r ? await Promise.resolve(plotter(job, r, files)).catch(e => h('p.muted', {}, 'Plots: ' + e.message)) : null;
    if (appPlots) { clear(plots, appPlots); return; }
    // no plots of its own: the picture and the table a user most likely wants, shown without a click
    const image = files.find(f => f.mediaType.startsWith('image/') && f.size <= IMAGE_PREVIEW_BYTES);
    const csv = files.find(f => isCsv(f) && f.size <= TEXT_PREVIEW_BYTES);
    if (image) await preview(image);
    if (csv) await preview(csv, true);
  }

  async function preview(f, append = false) {
    const box = h('section.card', { 'data-preview-of': f.path }, h('h3', {}, f.path));
    try {
      if (f.mediaType.startsWith('image/')) {
        box.append(h('img', { src: await link(job.id, f.path), alt: 'Output image ' + f.path }));
      } else {
        const { text, complete, total } = await readText(job.id, f.path, f.size);
        if (isCsv(f) && complete) {
          const table = parseCsv(text);
          if (table) box.append(lineChart(table, f.path));
        }
        if (!complete) box.append(h('p.small.muted', {}, `The first ${bytes(text.length)} of ${bytes(total)}; download it for the rest.`));
        box.append(h('pre', { tabindex: 0, 'aria-label': f.path }, text));
      }
    } catch (e) { box.append(h('p.muted', {}, problemText(e.problem) || e.message)); }
    box.append(h('button.secondary', { type: 'button', onclick: () => save(f.path) }, 'Download'));
    // one preview per file; the image and chart shown at first stay below a clicked one
    previewBox.querySelector(`[data-preview-of="${CSS.escape(f.path)}"]`)?.remove();
    if (append) previewBox.append(box); else previewBox.prepend(box);
  }

  async function loadResult() {
    // asking for a result that is not there answers 409, which the browser logs as an error
    if (job.state !== 'SUCCEEDED' && !job.resultSummary) { clear(result, h('p.muted', {}, 'No result.')); return null; }
    try {
      const r = await call('/jobs/' + job.id + '/result');
      clear(result, r.summary ? h('p', {}, r.summary) : null,
        h('details', { open: JSON.stringify(r.data).length < 4000 }, h('summary', {}, 'The result as JSON'), h('pre', { id: 'result-json', tabindex: 0 }, JSON.stringify(r.data, null, 2))));
      return r;
    } catch (e) { clear(result, h('p.muted', {}, e.status === 409 ? 'No result.' : e.message)); return null; }
  }

  async function loadDeliveries() {
    try {
      const d = await call('/jobs/' + job.id + '/deliveries');
      clear(deliveries, h('h2', {}, 'Callback deliveries'), h('p.small', {}, 'To ', h('code', {}, d.callback)),
        h('div.table-wrap', {}, h('table.responsive', {}, h('thead', {}, h('tr', {}, ['Event', 'State', 'Attempts', 'Last answer', 'Next try'].map(t => h('th', {}, t)))),
          h('tbody', {}, d.deliveries.map(x => h('tr', {}, h('td', { 'data-label': 'Event' }, x.event.state),
            h('td', { 'data-label': 'State' }, x.state), h('td', { 'data-label': 'Attempts' }, String(x.attempts)),
            h('td', { 'data-label': 'Last answer' }, x.lastStatus ? String(x.lastStatus) : x.lastError || ''),
            h('td', { 'data-label': 'Next try' }, when(x.nextAttemptAt))))))));
    } catch (e) { clear(deliveries, h('p.muted', {}, e.message)); }
  }

  show();
  await readLogs();
  let polling = null;
  const poll = () => {
    const running = ['RUNNING', 'COLLECTING', 'STAGING', 'SUBMITTED'].includes(job.state);
    if (running && !polling) polling = setInterval(readLogs, 2000);
    if (!running && polling) { clearInterval(polling); polling = null; }
  };
  poll();
  const stop = followJobs(async (name, e) => {
    if (e.jobId !== job.id) return;
    try { job = await call('/jobs/' + job.id); } catch { return; }
    show();
    await readLogs();
    poll();
  }, { job: job.id, after: Math.max(0, ...job.history.map(t => t.eventId || 0)) || null });
  return () => { stop(); if (polling) clearInterval(polling); clearTimeout(stepTimer); };
}

function took(from, to) {
  if (!from || !to) return '';
  const ms = new Date(to) - new Date(from);
  return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) + ' s';
}

function isCsv(f) {
  return f.mediaType === 'text/csv' || f.path.toLowerCase().endsWith('.csv');
}

/** Images up to 32 MiB are shown; text of any size is shown from its start (the first 512 KiB). */
function previewable(f) {
  const t = f.mediaType;
  const text = t.startsWith('text/') || /json|xml|csv|yaml|javascript/.test(t) || /\.(txt|log|csv|json|dat|reg|sh|out|in|sex|ini)$/i.test(f.path);
  return (t.startsWith('image/') && f.size <= IMAGE_PREVIEW_BYTES) || text;
}
