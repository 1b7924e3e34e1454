// Jobs, newest first, kept current by the event stream: no polling loop.
import { call } from '../api.js';
import { clear, h, stateBadge, toast, when } from '../dom.js';
import { followJobs } from '../events.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
const STATES = ['NEW', 'QUEUED', 'STAGING', 'SUBMITTED', 'RUNNING', 'COLLECTING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** A live job table; used by this page and by the admin page (with selection for bulk cancel). */
export function jobTable({ selectable = false, showOwner = false, me = null, isAdmin = false } = {}) {
  const state = h('select', { id: 'filter-state' }, h('option', { value: '' }, 'all states'),
    h('option', { value: 'NEW,QUEUED,STAGING,SUBMITTED,RUNNING,COLLECTING' }, 'not finished'),
    STATES.map(s => h('option', { value: s }, s)));
  const app = h('select', { id: 'filter-app' }, h('option', { value: '' }, 'all apps'));
  const shared = h('select', { id: 'filter-shared' }, h('option', { value: 'false' }, 'my jobs'), h('option', { value: 'true' }, 'shared with me'));
  const live = h('span.live.off', { id: 'live', 'aria-live': 'polite' }, '○ connecting');
  const tbody = h('tbody');
  const total = h('span.muted.small');
  const rows = new Map();
  const filters = h('div.inline.card', {},
    h('div', {}, h('label', { for: 'filter-state' }, 'State'), state),
    h('div', {}, h('label', { for: 'filter-app' }, 'App'), app),
    showOwner ? null : h('div', {}, h('label', { for: 'filter-shared' }, 'Whose'), shared),
    h('div', {}, live, ' ', total));
  const table = h('div.table-wrap', {}, h('table.responsive', { id: 'jobs-table' },
    h('thead', {}, h('tr', {}, selectable ? h('th', {}, h('span.muted', {}, 'Select')) : null, h('th', {}, 'Job'), h('th', {}, 'App'),
      showOwner ? h('th', {}, 'Owner') : null, h('th', {}, 'State'), h('th', {}, 'Progress'), h('th', {}, 'Created'))),
    tbody));

  function matches(job) {
    const s = state.value ? state.value.split(',') : null;
    return (!s || s.includes(job.state)) && (!app.value || app.value === job.app);
  }
  function row(job) {
    // an ended job's last report is history, not progress
    const progress = !TERMINAL.includes(job.state) && job.progress && job.progress.fraction !== undefined
      ? h('progress', { max: 1, value: job.progress.fraction, 'aria-label': 'Progress of ' + (job.name || job.id) }) : '';
    const tr = h('tr', { 'data-job-id': job.id, 'data-state': job.state },
      selectable ? h('td', { 'data-label': 'Select' }, h('input', { type: 'checkbox', value: job.id, 'aria-label': 'Select job ' + (job.name || job.id) })) : null,
      h('td', { 'data-label': 'Job' }, h('a', { href: '#/jobs/' + job.id }, job.name || job.id.slice(0, 8))),
      h('td', { 'data-label': 'App' }, job.app),
      showOwner ? h('td', { 'data-label': 'Owner' }, job.owner) : null,
      h('td.state-cell', { 'data-label': 'State' }, stateBadge(job.state)),
      h('td.progress-cell', { 'data-label': 'Progress' }, progress),
      h('td', { 'data-label': 'Created' }, when(job.createdAt)));
    return tr;
  }
  async function load() {
    const q = new URLSearchParams({ limit: '100' });
    if (state.value) q.set('state', state.value);
    if (app.value) q.set('app', app.value);
    if (!showOwner && shared.value === 'true') q.set('shared', 'true');
    const page = await call('/jobs?' + q);
    const checked = new Set([...tbody.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value));
    rows.clear();
    clear(tbody, page.jobs.map(j => { const tr = row(j); rows.set(j.id, tr); return tr; }));
    tbody.querySelectorAll('input[type=checkbox]').forEach(c => { c.checked = checked.has(c.value); });
    loaded = true;
    if (!page.jobs.length) tbody.append(h('tr.empty', {}, h('td', { colspan: 7 }, 'No jobs here yet.')));
    total.textContent = page.total + (page.totalExact === false ? '+' : '') + ' job' + (page.total === 1 ? '' : 's');
  }
  async function onEvent(name, e) {
    const tr = rows.get(e.jobId);
    if (tr) {
      if (name === 'job.state') {
        tr.dataset.state = e.state;
        clear(tr.querySelector('.state-cell'), stateBadge(e.state));
        if (TERMINAL.includes(e.state)) clear(tr.querySelector('.progress-cell'));
      }
      if (e.progress !== undefined && !TERMINAL.includes(tr.dataset.state)) {
        clear(tr.querySelector('.progress-cell'), h('progress', { max: 1, value: e.progress, 'aria-label': 'Progress' }));
      }
      return;
    }
    if (name !== 'job.state' || !matches(e)) return;
    // the same rule as GET /jobs: my own (an admin: everyone's), or only those shared with me
    const sharedOnly = !showOwner && shared.value === 'true';
    if (sharedOnly ? e.owner === me : !isAdmin && e.owner !== me) return;
    try {
      const job = await call('/jobs/' + e.jobId);
      if (rows.has(job.id) || !matches(job)) return;
      const fresh = row(job);
      rows.set(job.id, fresh);
      tbody.querySelector('tr.empty')?.remove();
      tbody.prepend(fresh);
    } catch { /* deleted meanwhile */ }
  }
  call('/apps').then(({ apps }) => apps.forEach(a => app.append(h('option', { value: a.id }, a.id)))).catch(() => {});
  [state, app, shared].forEach(s => s.addEventListener('change', () => load().catch(e => toast(e.message))));
  // A change between the list's query and the stream's start would be missed: once the stream is
  // up (after the first load), the list is read once more; later drops resume with Last-Event-ID.
  let loaded = false;
  let caughtUp = false;
  const stop = followJobs(onEvent, { onStatus: up => {
    live.className = up ? 'live' : 'live off';
    live.textContent = up ? '● live' : '○ reconnecting';
    if (up && loaded && !caughtUp) { caughtUp = true; load().catch(() => {}); }
  } });
  return {
    el: h('div', {}, filters, table), load, stop,
    selected: () => [...tbody.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value),
    clearSelection: () => tbody.querySelectorAll('input[type=checkbox]').forEach(c => { c.checked = false; }),
    selectUnfinished: () => tbody.querySelectorAll('tr[data-state]').forEach(tr => {
      const box = tr.querySelector('input[type=checkbox]');
      if (box) box.checked = !TERMINAL.includes(tr.dataset.state);
    }),
  };
}

export async function render(main, _params, ctx) {
  const t = jobTable({ me: ctx.me.user, isAdmin: ctx.isAdmin });
  main.append(h('div.inline', {}, h('h1', {}, 'Jobs'), h('div', { style: 'text-align:right' }, h('a.button', { href: '#/apps' }, 'New job'))), t.el);
  await t.load();
  return t.stop;
}
