import { call } from '../api.js';
import { h } from '../dom.js';

export async function render(main) {
  const { apps } = await call('/apps');
  main.append(h('h1', {}, 'Apps'));
  main.append(h('div.grid', {}, apps.map(app => h('section.card', { 'data-app': app.id },
    h('h2', {}, app.title || app.id, ' ', h('span.muted.small', {}, app.version)),
    h('p', {}, app.description),
    h('p.small', {}, app.availability.available
      ? h('span', { style: 'color: var(--ok)' }, '● available' + (app.availability.toolVersion ? ' (' + app.availability.toolVersion + ')' : ''))
      : h('span', { style: 'color: var(--bad)' }, '● unavailable: ' + (app.availability.reason || ''))),
    app.mayRun && app.availability.available
      ? h('a.button', { href: '#/apps/' + encodeURIComponent(app.id) }, 'New job')
      : h('p.muted.small', {}, app.mayRun ? '' : 'Only ' + app.roles.join(', ') + ' may run it.')))));
}
