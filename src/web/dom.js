/* global document, fetch, sessionStorage, setTimeout, FormData */
// Small DOM and API helpers shared by every page. Elements are built with createElement and textContent only,
// never innerHTML: values from resumes and the API are shown as text, and the strict CSP stays satisfiable.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked' || key === 'disabled') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends strings (as text), nodes and nested arrays; skips null, undefined and false. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return parent;
}

/** h('button', { type: 'button', onclick }, 'Save') — an HTML element. */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form control: <div class="field"><label for>…</label><control></div>. */
export function field(label, control, hint) {
  control.id ||= uid('field');
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** Says something to screen-reader users without moving focus (the shell's polite live region). */
export function announce(message) {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = '';
  // A fresh text node after a tick, so the same message twice is still announced.
  setTimeout(() => (status.textContent = message), 50);
}

/** A visible message area; role=alert for errors, role=status otherwise. */
export function messageBox(kind = 'status') {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', hidden: true });
}

export function showMessage(box, text) {
  box.hidden = !text;
  box.textContent = text ?? '';
}

// ---- formatting -------------------------------------------------------------------------------------------

export const fmt = {
  pct: (v, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`),
  ms: (v) => (v === null || v === undefined ? '—' : `${Math.round(v).toLocaleString('en')} ms`),
  usd: (v) => (v === null || v === undefined ? '—' : `$${v < 0.01 && v > 0 ? v.toFixed(5) : v.toFixed(4)}`),
  int: (v) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en')),
  time: (epochMs) => new Date(epochMs).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
  dateTime: (value) => (value ? new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '—'),
};

// ---- API --------------------------------------------------------------------------------------------------

/** An API error with the service's stable code (`unauthorized`, `version_conflict`, …) and HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const TOKEN_KEY = 'jobmatch.adminToken';

/** The admin token lives in this tab's session storage only: gone when the tab closes, never in a cookie. */
export const adminToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * Calls the API and returns the `data` of `{success: true, data}` (or the whole body for other shapes).
 * `admin: true` sends the admin token as a Bearer token. `body` objects are sent as JSON, FormData as is.
 */
export async function api(path, { method = 'GET', body, admin = false, headers = {} } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers } };
  if (admin) {
    const token = adminToken.get();
    if (!token) throw new ApiError(401, 'unauthorized', 'Enter the admin token first.');
    init.headers.authorization = `Bearer ${token}`;
  }
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const json = await res.json().catch(() => null);
  if (!res.ok || json?.success === false) {
    throw new ApiError(res.status, json?.error?.code ?? 'http_error', json?.error?.message ?? `${method} ${path} failed with HTTP ${res.status}.`);
  }
  return json && typeof json === 'object' && 'data' in json ? json.data : json;
}
