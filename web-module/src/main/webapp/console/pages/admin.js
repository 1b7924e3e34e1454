// For admins: every user's jobs (live, with bulk cancel), the executors' health, apps switched
// on or off, each user's quota, and the audit trail. Every change goes through the admin API,
// which audits it; this page only shows and asks.
import { call } from '../api.js';
import { bytes, clear, h, parseBytes, problemText, toast, when } from '../dom.js';
import { jobTable } from './jobs.js';

export async function render(main, _params, ctx) {
  if (!ctx.isAdmin) { main.append(h('div.banner', {}, 'Only admins see this page.')); return; }
  const t = jobTable({ selectable: true, showOwner: true, me: ctx.me.user, isAdmin: true });
  const bulk = h('button.danger', { type: 'button', id: 'bulk-cancel', onclick: async () => {
    const ids = t.selected();
    if (!ids.length) { toast('Select jobs first'); return; }
    bulk.disabled = true;
    const results = await Promise.allSettled(ids.map(id => call('/jobs/' + id + '/cancel', { method: 'POST' })));
    bulk.disabled = false;
    const failed = results.filter(r => r.status === 'rejected');
    toast(`Cancelled ${ids.length - failed.length} of ${ids.length}` + (failed.length ? ': ' + failed[0].reason.message : ''));
    t.clearSelection();
    audit.reload();
  } }, 'Cancel selected');
  const executors = h('div', { id: 'executors' });
  const apps = h('div', { id: 'admin-apps' });
  const quotas = h('div', { id: 'admin-quotas' });
  const audit = auditTrail();
  const section = (id, title, ...children) => h('section', { id, 'aria-labelledby': id + '-h' }, h('h2', { id: id + '-h' }, title), ...children);
  main.append(h('h1', {}, 'Admin'),
    h('nav.actions', { 'aria-label': 'Admin sections' }, [['admin-jobs', 'All jobs'], ['admin-executors', 'Executors'],
      ['admin-apps-s', 'Apps'], ['admin-quotas-s', 'Quotas'], ['admin-audit', 'Audit trail']].map(([id, text]) =>
      h('a.button.secondary', { href: '#/admin', onclick: e => { e.preventDefault(); document.getElementById(id).scrollIntoView(); document.getElementById(id + '-h').focus(); } }, text))),
    section('admin-jobs', 'All jobs', h('div.actions', {}, bulk, h('button.secondary', { type: 'button', id: 'select-unfinished',
      onclick: () => t.selectUnfinished() }, 'Select all unfinished')), t.el),
    section('admin-executors', 'Executors', h('div.actions', {}, h('button.secondary', { type: 'button', onclick: () => loadExecutors(executors) }, 'Refresh')), executors),
    section('admin-apps-s', 'Apps', h('p.small.muted', {}, 'A disabled app is hidden from users and takes no new jobs; jobs already accepted finish.'), apps),
    section('admin-quotas-s', 'Quotas', h('p.small.muted', {}, 'Each user\'s quota over uploaded files. Files already stored stay; only new uploads are refused.'), quotas),
    section('admin-audit', 'Audit trail', audit.el),
    h('p.small.muted', {}, 'Payara\'s own admin console (port 4848 on a default domain; the port base + 48 here) lists the same jobs under batch monitoring, as does asadmin list-batch-jobs.'));
  main.querySelectorAll('section > h2').forEach(h2 => h2.setAttribute('tabindex', '-1'));
  await t.load();
  loadExecutors(executors);
  loadApps(apps, () => audit.reload());
  loadQuotas(quotas, () => audit.reload());
  audit.reload();
  return t.stop;
}

async function loadExecutors(box) {
  try {
    const x = await call('/admin/executors');
    const local = x.local;
    const cards = [h('section.card', { id: 'executor-local' }, h('h3', {}, 'Local'),
      h('label', { for: 'local-meter' }, `Cores in use: ${local.coresInUse} of ${local.cores}`),
      h('meter', { id: 'local-meter', min: 0, max: local.cores, value: local.coresInUse, high: local.cores * 0.9 }))];
    const s = x.slurm;
    const slurm = h('section.card', { id: 'executor-slurm' }, h('h3', {}, 'SLURM'));
    if (!s.enabled) slurm.append(h('p.muted', {}, 'Not enabled (plinth.executors.slurm.enabled).'));
    else {
      slurm.append(h('p', {}, h('span', { class: s.up ? 'ok' : 'bad' }, s.up ? '● slurmrestd answers' : '● slurmrestd does not answer'),
        s.release ? ' — Slurm ' + s.release : '', ' — API ' + s.apiVersion),
      dl([['Cores in use', `${s.coresInUse}${s.maxCores ? ' of ' + s.maxCores : ''}`],
        ['Token', s.tokenSource + (s.tokenExpiresAt ? ', expires ' + when(s.tokenExpiresAt) : '')],
        ['Path probe', s.pathProbe ? `${s.pathProbe.state} — ${s.pathProbe.detail} (${when(s.pathProbe.at)})` : ''],
        s.error ? ['Error', s.error] : null, s.lastError ? ['Last error', s.lastError] : null]));
      if (s.diag) slurm.append(h('details', {}, h('summary', {}, 'slurmctld diagnostics (diag)'), h('div.table-wrap', {}, keyValues(s.diag))));
    }
    cards.push(slurm);
    clear(box, h('div.grid', {}, cards));
  } catch (e) { clear(box, h('p.muted', {}, e.message)); }
}

function dl(pairs) {
  return h('dl.pairs', {}, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

async function loadApps(box, changed) {
  try {
    const { apps } = await call('/admin/apps');
    clear(box, h('div.table-wrap', {}, h('table.responsive', { id: 'apps-table' },
      h('thead', {}, h('tr', {}, ['App', 'Available', 'Roles', 'State', ''].map(x => h('th', {}, x)))),
      h('tbody', {}, apps.map(a => {
        const toggle = h('button', { type: 'button', class: a.enabled ? 'danger' : '', 'data-toggle-app': a.id,
          onclick: async () => {
            toggle.disabled = true;
            try {
              await call('/admin/apps/' + encodeURIComponent(a.id), { method: 'PUT', json: { enabled: !a.enabled } });
              toast(`${a.id} ${a.enabled ? 'disabled' : 'enabled'}`);
              await loadApps(box, changed);
              changed();
            } catch (e) { toast(problemText(e.problem) || e.message); toggle.disabled = false; }
          } }, a.enabled ? 'Disable' : 'Enable');
        return h('tr', { 'data-app': a.id, 'data-enabled': String(a.enabled) },
          h('td', { 'data-label': 'App' }, h('strong', {}, a.id), ' ', h('span.muted.small', {}, a.version)),
          h('td', { 'data-label': 'Available' }, a.availability.available ? 'yes' + (a.availability.toolVersion ? ' (' + a.availability.toolVersion + ')' : '')
            : 'no: ' + (a.availability.reason || '')),
          h('td', { 'data-label': 'Roles' }, a.roles.length ? a.roles.join(', ') : 'any user'),
          h('td', { 'data-label': 'State' }, h('span', { class: a.enabled ? 'ok' : 'bad' }, a.enabled ? 'enabled' : 'disabled'),
            h('span.muted.small', {}, a.enabledBy === 'admin' ? ` by ${a.changedBy}, ${when(a.changedAt)}` : ' (configuration)')),
          h('td', {}, toggle));
      })))));
  } catch (e) { clear(box, h('p.muted', {}, e.message)); }
}

async function loadQuotas(box, changed) {
  try {
    const q = await call('/admin/quotas');
    const form = quotaForm(q.default, async () => { await loadQuotas(box, changed); changed(); });
    clear(box, h('p.small', {}, `Default for everyone: ${q.default.files} files, ${bytes(q.default.bytes)}.`),
      h('div.table-wrap', {}, h('table.responsive', { id: 'quotas-table' },
        h('thead', {}, h('tr', {}, ['User', 'Files', 'Bytes', 'Set by', ''].map(x => h('th', {}, x)))),
        h('tbody', {}, q.users.length ? q.users.map(u => quotaRow(u, () => loadQuotas(box, changed).then(changed)))
          : h('tr', {}, h('td', { colspan: 5 }, 'No user stores files yet.'))))),
      h('h3', {}, 'Set a quota'), form);
  } catch (e) { clear(box, h('p.muted', {}, e.message)); }
}

function quotaRow(u, changed) {
  const over = u.usage.files > u.quota.files || u.usage.bytes > u.quota.bytes;
  const row = h('tr', { 'data-user': u.user, 'data-source': u.source },
    h('td', { 'data-label': 'User' }, u.user, over ? h('span.bad.small', {}, ' over quota') : ''),
    h('td', { 'data-label': 'Files' }, `${u.usage.files} of ${u.quota.files}`),
    h('td', { 'data-label': 'Bytes' }, `${bytes(u.usage.bytes)} of ${bytes(u.quota.bytes)}`),
    h('td', { 'data-label': 'Set by' }, u.source === 'admin' ? `${u.changedBy}, ${when(u.changedAt)}` : 'configuration'),
    h('td', {}, h('div.actions', {},
      h('button.secondary', { type: 'button', 'data-edit-quota': u.user, onclick: () => {
        const edit = document.getElementById('quota-user');
        edit.value = u.user;
        document.getElementById('quota-files').value = u.quota.files;
        document.getElementById('quota-bytes').value = exactSize(u.quota.bytes);
        document.getElementById('quota-files').focus();
      } }, 'Edit'),
      u.source === 'admin' ? h('button.secondary', { type: 'button', 'data-reset-quota': u.user, onclick: async () => {
        try { await call('/admin/quotas/' + encodeURIComponent(u.user), { method: 'DELETE' }); toast('Quota of ' + u.user + ' back to the configured one'); changed(); }
        catch (e) { toast(problemText(e.problem) || e.message); }
      } }, 'Reset') : null)));
  return row;
}

function quotaForm(defaults, changed) {
  const user = h('input', { id: 'quota-user', type: 'text', required: true, autocomplete: 'off' });
  const files = h('input', { id: 'quota-files', type: 'number', min: 0, step: 1, value: defaults.files, inputmode: 'numeric' });
  const size = h('input', { id: 'quota-bytes', type: 'text', value: exactSize(defaults.bytes), 'aria-describedby': 'quota-bytes-help' });
  const errors = { user: h('p.error', { id: 'err-quota-user', hidden: true }), files: h('p.error', { id: 'err-quota-files', hidden: true }),
    bytes: h('p.error', { id: 'err-quota-bytes', hidden: true }) };
  const field = (name, text, control, ...more) => h('div.field', { 'data-field': name }, h('label', { for: control.id }, text), control, ...more, errors[name]);
  const form = h('form.card.inline', { id: 'quota-form', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    Object.values(errors).forEach(x => { x.hidden = true; });
    const show = (name, reason) => { errors[name].textContent = reason; errors[name].hidden = false; };
    const n = parseBytes(size.value);
    if (n === null) { show('bytes', 'not a size: write e.g. 500 MiB, 20 GiB or a number of bytes'); size.focus(); return; }
    try {
      await call('/admin/quotas/' + encodeURIComponent(user.value.trim()), { method: 'PUT',
        json: { files: files.value === '' ? null : Number(files.value), bytes: n } });
      toast('Quota of ' + user.value.trim() + ' set');
      changed();
    } catch (err) {
      const list = err.problem.errors || [];
      if (!list.length) { toast(problemText(err.problem) || err.message); return; }
      list.forEach(x => show(x.field in errors ? x.field : 'user', x.reason));
    }
  } },
  field('user', 'User', user), field('files', 'Files', files),
  field('bytes', 'Bytes', size, h('p.help', { id: 'quota-bytes-help' }, 'e.g. 500 MiB, 20 GiB')),
  h('div', {}, h('button', { type: 'submit' }, 'Set quota')));
  return form;
}

function auditTrail() {
  const user = h('input', { id: 'audit-user', type: 'text', placeholder: 'any user' });
  const action = h('select', { id: 'audit-action' }, h('option', { value: '' }, 'any action'),
    ['job.submit', 'job.cancel', 'job.restart', 'job.delete', 'key.create', 'key.revoke', 'share.grant', 'share.revoke',
      'callback-secret.rotate', 'admin.retention-run', 'admin.slurm-token', 'admin.app-enable', 'admin.app-disable',
      'admin.quota-set', 'admin.quota-reset', 'auth.failure-burst'].map(a => h('option', { value: a }, a)));
  const tbody = h('tbody');
  const more = h('button.secondary', { type: 'button', hidden: true, onclick: () => load(false) }, 'Older events');
  const total = h('span.muted.small');
  let offset = 0;
  async function load(fresh) {
    if (fresh) { offset = 0; tbody.replaceChildren(); }
    const q = new URLSearchParams({ limit: '50', offset: String(offset) });
    if (user.value.trim()) q.set('user', user.value.trim());
    if (action.value) q.set('action', action.value);
    try {
      const page = await call('/admin/audit?' + q);
      page.events.forEach(e => tbody.append(h('tr', { 'data-action': e.action },
        h('td', { 'data-label': 'When' }, when(e.at)), h('td', { 'data-label': 'Who' }, e.actor + (e.address ? ' (' + e.address + ')' : '')),
        h('td', { 'data-label': 'Action' }, e.action), h('td', { 'data-label': 'Target' }, (e.target || '') + (e.byOther ? ' (of ' + e.targetOwner + ')' : '')),
        h('td', { 'data-label': 'Detail' }, e.detail || ''), h('td', { 'data-label': 'Outcome' }, e.outcome))));
      offset += page.events.length;
      more.hidden = offset >= page.total;
      total.textContent = `${offset} of ${page.total} events`;
      if (!page.total) tbody.append(h('tr', {}, h('td', { colspan: 6 }, 'No events.')));
    } catch (e) { toast(problemText(e.problem) || e.message); }
  }
  const filters = h('form.inline.card', { onsubmit: e => { e.preventDefault(); load(true); } },
    h('div', {}, h('label', { for: 'audit-user' }, 'User'), user), h('div', {}, h('label', { for: 'audit-action' }, 'Action'), action),
    h('div', {}, h('button', { type: 'submit' }, 'Show'), ' ', total));
  action.addEventListener('change', () => load(true));
  const el = h('div', { id: 'audit' }, filters, h('div.table-wrap', {}, h('table.responsive', {},
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Target', 'Detail', 'Outcome'].map(x => h('th', {}, x)))), tbody)), more);
  return { el, reload: () => load(true) };
}

/** A size as the form shows it: in the largest binary unit that divides it, so editing never rounds it. */
function exactSize(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (i < units.length - 1 && n >= 1024 && n % 1024 === 0) { n /= 1024; i++; }
  return n + ' ' + units[i];
}

/** Any JSON object as nested definition tables: slurmctld's diag differs between versions. */
function keyValues(value) {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return h('div', {}, value.map(v => h('div.card', {}, keyValues(v))));
  return h('table', {}, h('tbody', {}, Object.entries(value).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, keyValues(v))))));
}
