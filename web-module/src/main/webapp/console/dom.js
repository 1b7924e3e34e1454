// Tiny DOM helpers: h('tag.class', {attrs}, children…) builds elements; text is always text, never HTML.
export function h(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function stateBadge(state) {
  return h('span.state.' + state, { 'data-state': state }, state);
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function bytes(n) {
  if (n === undefined || n === null) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : n) + ' ' + units[i];
}

/** '20 GiB', '1.5 MB', '300' (bytes) → a number of bytes; null when it is not a size. */
export function parseBytes(text) {
  const m = String(text).trim().match(/^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?)b?$/i);
  if (!m) return null;
  const power = ' kmgtp'.indexOf(m[2].toLowerCase() || ' ');
  const base = m[3] || !m[2] ? 1024 : 1000;
  const n = Math.round(Number(m[1]) * base ** power);
  return Number.isSafeInteger(n) ? n : null;
}

export function toast(message) {
  const box = document.getElementById('toast');
  const item = h('div', {}, message);
  box.append(item);
  setTimeout(() => item.remove(), 5000);
}

export function problemText(p) {
  return p ? (p.detail || p.title || String(p.status)) : 'request failed';
}
