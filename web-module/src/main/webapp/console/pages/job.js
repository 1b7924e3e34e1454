// One job, live: its timeline, progress, logs, outputs with previews, result, deliveries, and
// the actions its state allows. State changes arrive over the event stream (?job=); the logs
// are read from the offset reached so far after each event, and every 2 s while the job runs
// (a log growing makes no event).
import { API, blob, call } from '../api.js';
import { bytes, clear, h, problemText, stateBadge, toast, when } from '../dom.js';
import { followJobs } from '../events.js';
import { lineChart, parseCsv } from '../chart.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
const PREVIEW_TEXT_BYTES = 512 * 1024;

export async function render(main, [id], ctx) {
  let job = await call('/jobs/' + id);
  const title = h('h1');
  const summary = h('div.card', { id: 'job-summary' });
  const actions = h('div.actions', { id: 'job-actions' });
  const progress = h('div', { id: 'job-progress' });
  const timeline = h('ol.timeline', { id: 'job-timeline', 'aria-label': 'State timeline' });
  const logs = { stdout: { offset: 0, pre: h('pre', { id: 'log-stdout', tabindex: 0, 'aria-label': 'stdout' }) },
    stderr: { offset: 0, pre: h('pre', { id: 'log-stderr', tabindex: 0, 'aria-label': 'stderr', hidden: true }) } };
  const tabs = h('div.tabs', { role: 'tablist' }, ['stdout', 'stderr'].map(s => h('button', { type: 'button', role: 'tab',
    id: 'tab-' + s, 'aria-selected': String(s === 'stdout'), onclick: () => {
      for (const k of Object.keys(logs)) { logs[k].pre.hidden = k !== s; document.getElementById('tab-' + k).setAttribute('aria-selected', String(k === s)); }
    } }, s)));
  const outputs = h('div', { id: 'job-outputs' });
  const previewBox = h('div.preview', { id: 'preview', 'aria-live': 'polite' });
  const result = h('div', { id: 'job-result' });
  const deliveries = h('div', { id: 'job-deliveries' });
  main.append(title, summary, actions, progress, h('h2', {}, 'Timeline'), timeline,
    h('h2', {}, 'Logs'), tabs, logs.stdout.pre, logs.stderr.pre,
    h('h2', {}, 'Outputs'), outputs, previewBox, h('h2', {}, 'Result'), result, deliveries);

  let outputsShown = false;
  function show() {
    clear(title, job.name || 'Job ' + job.id.slice(0, 8), ' ', stateBadge(job.state));
    title.dataset.state = job.state;
    clear(summary, h('dl.small', {},
      h('div', {}, h('strong', {}, 'Id '), h('code', {}, job.id)),
      h('div', {}, h('strong', {}, 'App '), job.app + ' ' + job.appVersion),
      h('div', {}, h('strong', {}, 'Owner '), job.owner),
      h('div', {}, h('strong', {}, 'Resources '), `${job.resources.cores} cores, ${job.resources.memoryMb} MB, ${job.resources.walltimeSeconds} s`),
      job.message ? h('div', {}, h('strong', {}, 'Message '), job.message) : null,
      job.exitCode !== undefined ? h('div', {}, h('strong', {}, 'Exit code '), String(job.exitCode)) : null,
      job.rerunOf ? h('div', {}, h('strong', {}, 'Rerun of '), h('a', { href: '#/jobs/' + job.rerunOf }, job.rerunOf)) : null));
    clear(timeline, job.history.map(t => h('li', { 'data-state': t.state }, stateBadge(t.state), ' ', when(t.at), t.message ? ' — ' + t.message : '')));
    const p = job.progress;
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
      h('a.button.secondary', { href: '#', onclick: e => { e.preventDefault(); download(API + '/jobs/' + job.id + '/archive', 'job-' + job.id + '.tar.gz'); } }, 'Download all'),
    ] : h('span.muted', {}, 'Shared with you to read.'));
    if (terminal && !outputsShown) { outputsShown = true; loadOutputs(); loadResult(); }
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

  async function readLogs() {
    for (const [stream, log] of Object.entries(logs)) {
      try {
        const r = await call(`/jobs/${job.id}/logs?stream=${stream}&offset=${log.offset}`, { raw: true, headers: { Accept: 'text/plain' } });
        const text = await r.text();
        log.offset = Number(r.headers.get('X-Next-Offset') || log.offset + text.length);
        if (text) { log.pre.append(text); log.pre.scrollTop = log.pre.scrollHeight; }
      } catch (e) { if (e.status !== 410) break; }
    }
  }

  async function loadOutputs() {
    try {
      const { files } = await call('/jobs/' + job.id + '/outputs');
      clear(outputs, files.length ? h('div.table-wrap', {}, h('table.responsive', {}, h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Size'), h('th', {}, 'Type'), h('th', {}, ''))),
        h('tbody', {}, files.map(f => h('tr', { 'data-path': f.path },
          h('td', { 'data-label': 'File' }, f.path), h('td', { 'data-label': 'Size' }, bytes(f.size)), h('td', { 'data-label': 'Type' }, f.mediaType),
          h('td', {}, h('button.secondary', { type: 'button', 'data-preview': f.path, onclick: () => preview(f) }, previewable(f) ? 'Preview' : 'Download'))))))) : h('p.muted', {}, 'No output files.'));
      // the picture and the table a user most likely wants, shown without a click
      const image = files.find(f => f.mediaType.startsWith('image/'));
      const csv = files.find(f => isCsv(f) && f.size <= PREVIEW_TEXT_BYTES);
      if (image) await preview(image);
      if (csv) await preview(csv, true);
    } catch (e) { clear(outputs, h('p.muted', {}, e.message)); }
  }

  async function preview(f, append = false) {
    const href = `${API}/jobs/${job.id}/outputs/${f.path.split('/').map(encodeURIComponent).join('/')}`;
    if (!previewable(f)) { download(href, f.path.split('/').pop()); return; }
    const box = h('section.card', { 'data-preview-of': f.path }, h('h2', {}, f.path));
    if (f.mediaType.startsWith('image/')) {
      const url = URL.createObjectURL(await blob(href));
      box.append(h('img', { src: url, alt: 'Output image ' + f.path }));
    } else {
      const text = await (await blob(href)).text();
      if (isCsv(f)) {
        const table = parseCsv(text);
        if (table) box.append(lineChart(table, f.path));
      }
      box.append(h('pre', { tabindex: 0 }, text));
    }
    box.append(h('button.secondary', { type: 'button', onclick: () => download(href, f.path.split('/').pop()) }, 'Download'));
    // one preview per file; the image and chart shown at first stay below a clicked one
    previewBox.querySelector(`[data-preview-of="${CSS.escape(f.path)}"]`)?.remove();
    if (append) previewBox.append(box); else previewBox.prepend(box);
  }

  async function loadResult() {
    // asking for a result that is not there answers 409, which the browser logs as an error
    if (job.state !== 'SUCCEEDED' && !job.resultSummary) { clear(result, h('p.muted', {}, 'No result.')); return; }
    try {
      const r = await call('/jobs/' + job.id + '/result');
      clear(result, r.summary ? h('p', {}, r.summary) : null, h('pre', { id: 'result-json' }, JSON.stringify(r.data, null, 2)));
    } catch (e) { clear(result, h('p.muted', {}, e.status === 409 ? 'No result.' : e.message)); }
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
    } catch { /* not ours to see */ }
  }

  show();
  await readLogs();
  let follow = null;
  const followLogs = () => {
    const running = ['RUNNING', 'COLLECTING', 'STAGING', 'SUBMITTED'].includes(job.state);
    if (running && !follow) follow = setInterval(readLogs, 2000);
    if (!running && follow) { clearInterval(follow); follow = null; }
  };
  followLogs();
  const stop = followJobs(async name => {
    try { job = await call('/jobs/' + job.id); } catch { return; }
    show();
    followLogs();
    await readLogs();
  }, { job: job.id });
  return () => { stop(); if (follow) clearInterval(follow); };
}

function isCsv(f) {
  return f.mediaType === 'text/csv' || f.path.toLowerCase().endsWith('.csv');
}

function previewable(f) {
  const t = f.mediaType;
  const text = t.startsWith('text/') || /json|xml|csv|yaml|javascript/.test(t) || /\.(txt|log|csv|json|dat|reg|sh|out)$/i.test(f.path);
  return (t.startsWith('image/') && f.size <= 20 * 1024 * 1024) || (text && f.size <= PREVIEW_TEXT_BYTES);
}

async function download(href, name) {
  try {
    const url = URL.createObjectURL(await blob(href));
    const a = h('a', { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) { toast('Download failed: ' + e.message); }
}
