// A job's output files as the console reads them. Downloads go through a short-lived link
// (GET /jobs/{id}/download-link) that the browser follows itself, so a large file streams to
// disk instead of into the tab's memory; text previews read only the first bytes (Range).
import { API, call } from './api.js';

export const TEXT_PREVIEW_BYTES = 512 * 1024;

function encodePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A link the browser can follow without our header: an output, or (path null) the job's archive. */
export async function link(jobId, path) {
  const q = path ? '?path=' + encodeURIComponent(path) : '';
  const { href } = await call(`/jobs/${jobId}/download-link${q}`);
  return href;
}

/** Saves an output (or the archive) through a link: the browser streams it to disk. */
export async function download(jobId, path) {
  const a = document.createElement('a');
  a.href = await link(jobId, path);
  a.download = path ? path.split('/').pop() : `job-${jobId}.tar.gz`;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The first {@code limit} bytes of an output (of {@code size} bytes) as text, and whether that
 * was all of it. No Range for a small or empty file: an empty file has no byte 0, and the 416
 * would show as an error in the browser's console.
 */
export async function readText(jobId, path, size, limit = TEXT_PREVIEW_BYTES) {
  if (size === 0) return { text: '', complete: true, total: 0 };
  const headers = { Accept: '*/*' };
  if (size > limit) headers.Range = `bytes=0-${limit - 1}`;
  const r = await call(`${API}/jobs/${jobId}/outputs/${encodePath(path)}`, { raw: true, headers });
  const text = await r.text();
  return { text, complete: size <= limit, total: size };
}

/** A whole output parsed as JSON (for files the server already bounded, e.g. HyPhy's results). */
export async function readJson(jobId, path) {
  const body = await call(`${API}/jobs/${jobId}/outputs/${encodePath(path)}`, { headers: { Accept: 'application/json, */*' } });
  return typeof body === 'string' ? JSON.parse(body) : body;
}
