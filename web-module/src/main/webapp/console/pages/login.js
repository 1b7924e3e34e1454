import { call } from '../api.js';
import { consoleConfig, startOidcLogin, useApiKey, signOut } from '../auth.js';
import { h } from '../dom.js';

export async function render(main, _params, ctx) {
  const config = await consoleConfig();
  const error = h('div.banner', { role: 'alert', hidden: true });
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'key-help' });
  const form = h('form.card', {
    onsubmit: async e => {
      e.preventDefault();
      error.hidden = true;
      useApiKey(key.value);
      try {
        await call('/me');
        await ctx.signedIn();
      } catch (err) {
        signOut();
        error.textContent = err.status === 401 ? 'That API key was not accepted.' : 'Sign-in failed: ' + err.message;
        error.hidden = false;
        key.focus();
      }
    },
  },
  h('div.field', {}, h('label', { for: 'api-key' }, 'API key'), key,
    h('p.help', { id: 'key-help' }, 'A personal key (POST /api/v1/keys) or one configured for you.')),
  h('button', { type: 'submit' }, 'Sign in with the key'));
  const oidc = config.oidc && config.oidc.enabled
    ? h('div.card', {}, h('p', {}, 'Or sign in with your organisation\'s account:'),
      h('button', { type: 'button', id: 'oidc-login', onclick: () => startOidcLogin(sessionStorage.getItem('plinth.back') || '#/jobs') }, 'Sign in with Keycloak'))
    : null;
  main.append(h('div.login', {}, h('h1', {}, 'Sign in to Plinth'), error, form, oidc));
  key.focus();
}
