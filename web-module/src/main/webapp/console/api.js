// The REST API as the console uses it: every call carries the credential; errors are
// application/problem+json and are thrown as ApiError with the problem attached.
import { authorization } from './auth.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

export async function call(path, { method = 'GET', json, body, headers = {}, raw = false } = {}) {
  const auth = await authorization();
  const h = { Accept: 'application/json', ...headers };
  if (auth) h.Authorization = auth;
  if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  const r = await fetch(path.startsWith('/') && !path.startsWith(API) ? API + path : path, { method, headers: h, body });
  if (r.status === 401) onUnauthorized();
  if (!r.ok) {
    let problem = null;
    try { problem = await r.json(); } catch { /* not JSON */ }
    throw new ApiError(r.status, problem);
  }
  if (raw) return r;
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.text();
}

/** A file the API serves (an output, an upload) as a blob: <img> and <a download> cannot send our header. */
export async function blob(path) {
  const r = await call(path, { raw: true, headers: { Accept: '*/*' } });
  return r.blob();
}
