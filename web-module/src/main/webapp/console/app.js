// The Plinth console: a hash-routed page per view, on the same REST API as every other client.
import { call, whenUnauthorized } from './api.js';
import { credential, finishOidcLogin, signOut } from './auth.js';
import { clear, h, toast } from './dom.js';
import * as login from './pages/login.js';
import * as apps from './pages/apps.js';
import * as submit from './pages/submit.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as files from './pages/files.js';
import * as admin from './pages/admin.js';

const routes = [
  [/^#\/login$/, login, false],
  [/^#\/apps$/, apps, true],
  [/^#\/apps\/([^/]+)$/, submit, true],
  [/^#\/jobs$/, jobs, true],
  [/^#\/jobs\/([^/]+)$/, job, true],
  [/^#\/files$/, files, true],
  [/^#\/admin$/, admin, true],
];

const main = document.getElementById('main');
const ctx = { me: null, get isAdmin() { return !!this.me && this.me.roles.includes('admin'); } };
let leave = null;

whenUnauthorized(() => {
  ctx.me = null; // the credential expired or was revoked: sign in again
  if (location.hash !== '#/login') {
    sessionStorage.setItem('plinth.back', location.hash);
    location.hash = '#/login';
  }
});

async function whoAmI() {
  if (!credential()) return null;
  try { return await call('/me'); } catch { return null; }
}

function header() {
  const who = document.getElementById('who');
  const out = document.getElementById('logout');
  who.textContent = ctx.me ? ctx.me.user + (ctx.isAdmin ? ' (admin)' : '') : '';
  out.hidden = !ctx.me;
  document.querySelectorAll('[data-admin]').forEach(a => { a.hidden = !ctx.isAdmin; });
  document.querySelectorAll('#nav a').forEach(a => {
    if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function route() {
  if (leave) { try { leave(); } catch { /* ignore */ } leave = null; }
  const hash = location.hash || '#/jobs';
  const match = routes.map(([re, page, needsLogin]) => [hash.match(re), page, needsLogin]).find(([m]) => m);
  if (!match) { location.hash = '#/jobs'; return; }
  const [m, page, needsLogin] = match;
  if (page === login && ctx.me) { location.hash = '#/jobs'; return; } // signed in already (back from Keycloak)
  if (needsLogin && !ctx.me) {
    ctx.me = await whoAmI();
    if (!ctx.me) { sessionStorage.setItem('plinth.back', hash); location.hash = '#/login'; return; }
  }
  header();
  clear(main);
  try {
    leave = await page.render(main, m.slice(1).map(decodeURIComponent), ctx) || null;
  } catch (e) {
    clear(main, h('div.banner', { role: 'alert' }, 'Could not show this page: ' + e.message));
  }
  // a page that put the focus somewhere (the login's key field) keeps it; else the content gets it
  if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

document.getElementById('logout').addEventListener('click', () => {
  ctx.me = null;
  if (!signOut()) location.hash = '#/login';
  header();
});

ctx.signedIn = async () => {
  ctx.me = await whoAmI();
  const back = sessionStorage.getItem('plinth.back');
  sessionStorage.removeItem('plinth.back');
  location.hash = back && back !== '#/login' ? back : '#/jobs';
  return ctx.me;
};

// the skip link's #main would be taken for a route: move the focus instead of the hash
document.querySelector('a.skip').addEventListener('click', e => { e.preventDefault(); main.focus(); });
window.addEventListener('hashchange', route);
(async () => {
  try {
    const back = await finishOidcLogin();
    if (back) { ctx.me = await whoAmI(); }
  } catch (e) {
    toast(e.message);
  }
  route();
})();
