// For admins: every user's jobs (live, with bulk cancel), the executors' health, the apps and
// who may run them, and the audit trail.
import { call } from '../api.js';
import { clear, h, toast, when } from '../dom.js';
import { jobTable } from './jobs.js';

export async function render(main, _params, ctx) {
  if (!ctx.isAdmin) { main.append(h('div.banner', {}, 'Only admins see this page.')); return; }
  const t = jobTable({ selectable: true, showOwner: true, me: ctx.me.user, isAdmin: true });
  const bulk = h('button.danger', { type: 'button', id: 'bulk-cancel', onclick: async () => {
    const ids = t.selected();
    if (!ids.length) { toast('Select jobs first'); return; }
    const results = await Promise.allSettled(ids.map(id => call('/jobs/' + id + '/cancel', { method: 'POST' })));
    const failed = results.filter(r => r.status === 'rejected');
    toast(`Cancelled ${ids.length - failed.length} of ${ids.length}` + (failed.length ? ': ' + failed[0].reason.message : ''));
  } }, 'Cancel selected');
  const executors = h('div', { id: 'executors' });
  const apps = h('div', { id: 'admin-apps' });
  const audit = h('div', { id: 'audit' });
  main.append(h('h1', {}, 'Admin'), h('h2', {}, 'All jobs'), h('div.actions', {}, bulk), t.el,
    h('h2', {}, 'Executors'), executors, h('h2', {}, 'Apps'), apps, h('h2', {}, 'Audit trail'), audit,
    h('p.small.muted', {}, 'Payara\'s admin console (port 4848) lists the same jobs under batch monitoring, as does asadmin list-batch-jobs.'));
  await t.load();
  call('/admin/executors').then(x => clear(executors, keyValues(x))).catch(e => clear(executors, h('p.muted', {}, e.message)));
  call('/apps').then(({ apps: list }) => clear(apps, h('div.table-wrap', {}, h('table.responsive', {},
    h('thead', {}, h('tr', {}, ['App', 'Version', 'Available', 'Roles'].map(x => h('th', {}, x)))),
    h('tbody', {}, list.map(a => h('tr', {}, h('td', { 'data-label': 'App' }, a.id), h('td', { 'data-label': 'Version' }, a.version),
      h('td', { 'data-label': 'Available' }, a.availability.available ? 'yes' : 'no: ' + (a.availability.reason || '')),
      h('td', { 'data-label': 'Roles' }, a.roles.join(', ')))))))));
  call('/admin/audit?limit=50').then(page => clear(audit, h('div.table-wrap', {}, h('table.responsive', {},
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Target', 'Outcome'].map(x => h('th', {}, x)))),
    h('tbody', {}, (page.events || []).map(e => h('tr', {}, h('td', { 'data-label': 'When' }, when(e.at)), h('td', { 'data-label': 'Who' }, e.actor),
      h('td', { 'data-label': 'Action' }, e.action), h('td', { 'data-label': 'Target' }, e.target || ''),
      h('td', { 'data-label': 'Outcome' }, e.outcome)))))))).catch(e => clear(audit, h('p.muted', {}, e.message)));
  return t.stop;
}

/** Any JSON object as nested definition tables: the executors' answer differs by executor. */
function keyValues(value) {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return h('div', {}, value.map(v => h('div.card', {}, keyValues(v))));
  return h('table', {}, h('tbody', {}, Object.entries(value).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, keyValues(v))))));
}
