// Who the console acts as: an API key (typed in) or an OIDC access token from Keycloak
// (authorization code + PKCE through the realm's public plinth-console client). Kept in
// sessionStorage: closing the tab signs out, and nothing outlives the browser session.
const KEY = 'plinth.credential';
const PKCE = 'plinth.pkce';

let config = null;

export async function consoleConfig() {
  if (!config) {
    const r = await fetch('/api/v1/console/config', { headers: { Accept: 'application/json' } });
    config = r.ok ? await r.json() : { oidc: { enabled: false } };
  }
  return config;
}

export function credential() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

export function useApiKey(key) {
  sessionStorage.setItem(KEY, JSON.stringify({ kind: 'key', value: key.trim() }));
}

export function signOut() {
  const c = credential();
  sessionStorage.removeItem(KEY);
  if (c && c.kind === 'oidc' && config && config.oidc.logoutEndpoint) {
    const u = new URL(config.oidc.logoutEndpoint);
    u.searchParams.set('client_id', config.oidc.clientId);
    u.searchParams.set('post_logout_redirect_uri', location.origin + '/');
    // with the ID token as a hint Keycloak ends the session at once instead of asking "log out?"
    if (c.idToken) u.searchParams.set('id_token_hint', c.idToken);
    location.assign(u);
    return true;
  }
  return false;
}

/** The Authorization header's value, refreshing an OIDC token that is about to expire. */
export async function authorization() {
  let c = credential();
  if (!c) return null;
  if (c.kind === 'oidc' && c.expiresAt - Date.now() < 30_000 && c.refreshToken) {
    c = await refresh(c).catch(() => null);
    if (!c) return null;
  }
  return 'Bearer ' + c.value;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Off to Keycloak; back at {@code back} (a console route) once signed in. */
export async function startOidcLogin(back = '#/jobs') {
  const { oidc } = await consoleConfig();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, back: back && back !== '#/login' ? back : '#/jobs' }));
  const u = new URL(oidc.authorizationEndpoint);
  u.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, redirect_uri: location.origin + '/',
    scope: oidc.scope || 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(u);
}

/** Back from Keycloak with ?code=…&state=…: trade the code for tokens. Answers where to go next, or null. */
export async function finishOidcLogin() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', location.pathname + (pending ? pending.back : '#/jobs'));
  if (params.has('error')) throw new Error('sign-in refused: ' + (params.get('error_description') || params.get('error')));
  if (!pending || pending.state !== params.get('state')) throw new Error('sign-in answer does not match this tab; try again');
  const { oidc } = await consoleConfig();
  const tokens = await tokenRequest(oidc, { grant_type: 'authorization_code', code: params.get('code'),
    redirect_uri: location.origin + '/', client_id: oidc.clientId, code_verifier: pending.verifier });
  store(tokens);
  return pending.back;
}

async function refresh(c) {
  const { oidc } = await consoleConfig();
  const tokens = await tokenRequest(oidc, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: oidc.clientId });
  return store(tokens);
}

async function tokenRequest(oidc, form) {
  const r = await fetch(oidc.tokenEndpoint, { method: 'POST', body: new URLSearchParams(form),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (!r.ok) throw new Error('the token endpoint answered ' + r.status);
  return r.json();
}

function store(tokens) {
  const previous = credential();
  const c = { kind: 'oidc', value: tokens.access_token, refreshToken: tokens.refresh_token,
    idToken: tokens.id_token || (previous && previous.idToken),
    expiresAt: Date.now() + (tokens.expires_in || 300) * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(c));
  return c;
}
