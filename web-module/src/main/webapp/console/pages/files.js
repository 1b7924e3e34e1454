import { call } from '../api.js';
import { bytes, clear, h, toast, when } from '../dom.js';

export async function render(main) {
  const tbody = h('tbody');
  async function load() {
    const { files } = await call('/files?limit=200');
    clear(tbody, files.length ? files.map(f => h('tr', {}, h('td', { 'data-label': 'Name' }, f.name), h('td', { 'data-label': 'Id' }, h('code', {}, f.id)),
      h('td', { 'data-label': 'Size' }, bytes(f.size)), h('td', { 'data-label': 'Uploaded' }, when(f.createdAt)),
      h('td', {}, h('button.secondary', { type: 'button', onclick: async () => {
        try { await call('/files/' + f.id, { method: 'DELETE' }); load(); } catch (e) { toast(e.message); }
      } }, 'Delete')))) : h('tr', {}, h('td', { colspan: 5 }, 'No files yet.')));
  }
  const input = h('input', { type: 'file', id: 'upload', multiple: true });
  input.addEventListener('change', async () => {
    for (const file of input.files) {
      try {
        await call('/files?name=' + encodeURIComponent(file.name), { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
        toast('Uploaded ' + file.name);
      } catch (e) { toast('Upload failed: ' + e.message); }
    }
    input.value = '';
    load();
  });
  main.append(h('h1', {}, 'Files'), h('div.card', {}, h('label', { for: 'upload' }, 'Upload files'), input),
    h('div.table-wrap', {}, h('table.responsive', {}, h('thead', {}, h('tr', {}, ['Name', 'Id', 'Size', 'Uploaded', ''].map(t => h('th', {}, t)))), tbody)));
  await load();
}
