// A submit form generated from the app's JSON Schema (GET /apps/{id}): one field per input,
// with its unit, default, choices and help; errors from the API's problem+json errors[] are
// shown next to the field they name.
import { API, call } from '../api.js';
import { bytes, clear, h, toast } from '../dom.js';

export async function render(main, [appId]) {
  const app = await call('/apps/' + encodeURIComponent(appId));
  const schema = app.inputs;
  const required = new Set(schema.required || []);
  const fields = []; // {path, read(): value | undefined, wrap}
  const banner = h('div.banner', { role: 'alert', hidden: true });

  const form = h('form.card', { novalidate: true, id: 'submit-form' });
  form.append(h('h2', {}, 'Inputs'));
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    form.append(await inputField(name, prop, required.has(name), fields));
  }
  form.append(h('h2', {}, 'Job'));
  const r = app.defaultResources;
  form.append(plainField('name', 'Name', 'text', '', 'Shown in job lists.', fields));
  form.append(plainField('tags', 'Tags', 'text', '', 'Comma-separated.', fields,
    v => v.split(',').map(s => s.trim()).filter(Boolean)));
  const resources = h('div.inline');
  resources.append(plainField('resources.cores', 'Cores', 'number', r.cores, null, fields, Number));
  resources.append(plainField('resources.memoryMb', 'Memory', 'number', r.memoryMb, null, fields, Number, 'MB'));
  resources.append(plainField('resources.walltimeSeconds', 'Time limit', 'number', r.walltimeSeconds, null, fields, Number, 's'));
  form.append(resources);
  form.append(plainField('callback', 'Callback URL', 'url', '',
    'Optional: each state change is POSTed here, signed with your callback secret.', fields));

  const preview = h('pre', { id: 'request-json', 'aria-label': 'The JSON this form sends' });
  const curl = h('pre', { id: 'request-curl' });
  const submitButton = h('button', { type: 'submit' }, 'Submit job');
  form.append(h('div.actions', {}, submitButton,
    h('button.secondary', { type: 'button', onclick: () => copy(curl.textContent) }, 'Copy as curl')));

  function body() {
    const b = { app: app.id, inputs: {} };
    for (const f of fields) {
      const v = f.read();
      if (v === undefined) continue;
      const [head, ...rest] = f.path.split('.');
      if (rest.length) { b[head] = b[head] || {}; b[head][rest.join('.')] = v; } else b[head] = v;
    }
    return b;
  }
  function refresh() {
    let b;
    try { b = body(); } catch (e) { return; }
    const json = JSON.stringify(b, null, 2);
    preview.textContent = json;
    curl.textContent = `curl -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' ${location.origin}${API}/jobs -d '${JSON.stringify(b).replace(/'/g, "'\\''")}'`;
  }
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);

  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(fields, banner);
    let b;
    try { b = body(); } catch (err) { showErrors([{ field: err.field, reason: err.message }], fields, banner); return; }
    submitButton.disabled = true;
    try {
      const job = await call('/jobs', { method: 'POST', json: b });
      toast('Job ' + job.id + ' submitted');
      location.hash = '#/jobs/' + job.id;
    } catch (err) {
      showErrors(err.problem.errors || [], fields, banner, err.message);
    } finally {
      submitButton.disabled = false;
    }
  });

  main.append(h('h1', {}, 'New ', app.title || app.id, ' job'), h('p', {}, app.description), banner, form,
    h('section.card', {}, h('h2', {}, 'The request'), preview, h('h2', {}, 'As curl'), curl));
  refresh();
}

function label(name, prop, isRequired, id) {
  return h('label', { for: id }, prop.title || name, isRequired ? ' *' : '',
    prop['x-unit'] ? h('span.unit', {}, ' (' + prop['x-unit'] + ')') : '',
    prop['x-alias'] ? h('span.unit', {}, ' — ' + prop['x-alias']) : '');
}

function wrap(path, ...children) {
  const error = h('p.error', { id: 'err-' + path.replace(/\W/g, '-'), hidden: true });
  return { el: h('div.field', { 'data-field': path }, ...children, error), error };
}

async function inputField(name, prop, isRequired, fields) {
  const path = 'inputs.' + name;
  const id = 'f-' + path.replace(/\W/g, '-');
  const help = prop.description ? h('p.help', {}, describe(prop)) : null;
  const def = prop.default;
  let control;
  let read;
  if (prop.enum) {
    control = h('select', { id }, isRequired ? null : h('option', { value: '' }, '—'),
      prop.enum.map(v => h('option', { value: v, selected: def === v }, v)));
    read = () => control.value === '' ? undefined : control.value;
  } else if (prop.type === 'boolean') {
    control = h('input', { id, type: 'checkbox', checked: def === true });
    read = () => control.checked;
  } else if (prop.type === 'integer' || prop.type === 'number') {
    control = h('input', { id, type: 'number', step: prop.type === 'integer' ? '1' : 'any', value: def ?? '',
      min: prop.minimum, max: prop.maximum, inputmode: 'decimal' });
    read = () => control.value === '' ? undefined : Number(control.value);
  } else if (prop.format === 'plinth-file') {
    return fileField(path, id, name, prop, isRequired, help, fields);
  } else if (prop.type === 'object' || prop.type === 'array') {
    control = h('textarea', { id, rows: 3, placeholder: prop.type === 'object' ? '{"NAME": "value"}' : '[…]' });
    control.value = def !== undefined && JSON.stringify(def) !== '{}' && JSON.stringify(def) !== '[]' ? JSON.stringify(def, null, 1) : '';
    read = () => {
      if (control.value.trim() === '') return undefined;
      try { return JSON.parse(control.value); } catch {
        const e = new Error('is not valid JSON'); e.field = path; throw e;
      }
    };
  } else if ((prop.maxLength || 0) > 500 || name === 'script') {
    control = h('textarea', { id, rows: 6, spellcheck: false });
    control.value = def ?? '';
    read = () => control.value === '' ? undefined : control.value;
  } else {
    control = h('input', { id, type: 'text', value: def ?? '' });
    read = () => control.value === '' ? undefined : control.value;
  }
  const w = wrap(path, label(name, prop, isRequired, id), control, help);
  control.setAttribute('aria-describedby', w.error.id);
  fields.push({ path, read, ...w, control });
  return w.el;
}

function describe(prop) {
  const bits = [prop.description];
  if (prop.minimum !== undefined || prop.maximum !== undefined) bits.push(`Range ${prop.minimum ?? '…'} to ${prop.maximum ?? '…'}.`);
  if (prop.default !== undefined && typeof prop.default !== 'object') bits.push(`Default ${prop.default}.`);
  return bits.join(' ');
}

async function fileField(path, id, name, prop, isRequired, help, fields) {
  const select = h('select', { id });
  async function load(selected) {
    const list = await call('/files?limit=200').catch(() => ({ files: [] }));
    clear(select, h('option', { value: '' }, '— choose a file —'),
      (list.files || []).map(f => h('option', { value: f.id, selected: f.id === selected }, `${f.name} (${bytes(f.size)})`)));
  }
  await load();
  const upload = h('input', { type: 'file', 'aria-label': 'Upload a file for ' + name });
  upload.addEventListener('change', async () => {
    const file = upload.files[0];
    if (!file) return;
    try {
      const stored = await call('/files?name=' + encodeURIComponent(file.name), { method: 'POST', body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream' } });
      await load(stored.id);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      toast('Uploaded ' + file.name);
    } catch (e) { toast('Upload failed: ' + e.message); }
  });
  const w = wrap(path, label(name, prop, isRequired, id), h('div.inline', {}, select, upload), help,
    h('p.help', {}, 'An uploaded file, or type job:<jobId>/<path> below to use another job\'s output.'));
  const ref = h('input', { type: 'text', placeholder: 'job:<jobId>/<path>', 'aria-label': name + ' as a job output reference' });
  w.el.insertBefore(ref, w.error);
  fields.push({ path, read: () => ref.value.trim() || select.value || undefined, ...w, control: select });
  return w.el;
}

function plainField(path, text, type, value, helpText, fields, convert = v => v, unit) {
  const id = 'f-' + path.replace(/\W/g, '-');
  const control = h('input', { id, type, value: value ?? '' });
  const w = wrap(path, h('label', { for: id }, text, unit ? h('span.unit', {}, ' (' + unit + ')') : ''), control,
    helpText ? h('p.help', {}, helpText) : null);
  control.setAttribute('aria-describedby', w.error.id);
  fields.push({ path, read: () => control.value.trim() === '' ? undefined : convert(control.value.trim()), ...w, control });
  return w.el;
}

function clearErrors(fields, banner) {
  banner.hidden = true;
  for (const f of fields) { f.el.classList.remove('invalid'); f.error.hidden = true; delete f.error.dataset.filled; f.control.removeAttribute('aria-invalid'); }
}

/** Each error goes next to the field it names (or the nearest enclosing one: inputs.environment[1X] → inputs.environment). */
function showErrors(errors, fields, banner, detail) {
  const unplaced = [];
  let first = null;
  for (const e of errors) {
    const f = fields.filter(x => e.field === x.path || e.field.startsWith(x.path + '.') || e.field.startsWith(x.path + '['))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!f) { unplaced.push(e.field + ': ' + e.reason); continue; }
    f.el.classList.add('invalid');
    f.control.setAttribute('aria-invalid', 'true');
    const before = f.error.dataset.filled ? f.error.textContent + '; ' : '';
    f.error.dataset.filled = '1';
    f.error.hidden = false;
    f.error.textContent = before +
      (e.field === f.path ? '' : e.field.slice(f.path.length).replace(/^\./, '') + ': ') + e.reason;
    first = first || f;
  }
  if (unplaced.length || !errors.length) {
    banner.hidden = false;
    banner.textContent = unplaced.length ? unplaced.join('; ') : detail || 'The job was refused.';
  }
  (first ? first.control : banner).focus();
}

async function copy(text) {
  try { await navigator.clipboard.writeText(text); toast('Copied'); } catch { toast('Select the text to copy it'); }
}
