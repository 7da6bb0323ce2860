// Small DOM helpers. Every piece of user-written text goes in as a text node (never innerHTML).

const SVG = 'http://www.w3.org/2000/svg';

/** h('div', {class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'class') {
        el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'indeterminate') {
        el[key] = value;
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// Icons: the symbols of /static/icons.svg, shared with the recipient pages (no markup strings).
export function icon(name, cls) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls ? `icon ${cls}` : 'icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `/static/icons.svg#${name}`);
  svg.append(use);
  return svg;
}

// ---------- formatting ----------

export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = Number(n);
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  const digits = i === 0 || v >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  return `${number} ${units[i]}`;
}

// Dates, times and numbers in the page's language (the team app's choice, or the language
// the server wrote a recipient page in), made when first used: the language is set by then.
const locale = () => document.documentElement.lang || undefined;
const formats = {};
const format = (key, make) => (formats[key] ||= make(locale()));
const dateFmt = () => format('date', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric' }));
const dateTimeFmt = () => format('dateTime', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
const rtf = () => format('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));

export function date(value) { return value ? dateFmt().format(new Date(value)) : '—'; }
export function dateTime(value) { return value ? dateTimeFmt().format(new Date(value)) : '—'; }

/** "in 3 days", "2 hours ago" */
export function relative(value) {
  if (!value) return '—';
  const diff = (new Date(value).getTime() - Date.now()) / 1000;
  const abs = Math.abs(diff);
  const steps = [[60, 'second', 1], [3600, 'minute', 60], [86400, 'hour', 3600], [86400 * 30, 'day', 86400], [86400 * 365, 'month', 86400 * 30], [Infinity, 'year', 86400 * 365]];
  for (const [limit, unit, size] of steps) {
    if (abs < limit) return rtf().format(Math.round(diff / size), unit);
  }
  return dateTime(value);
}

export function plural(n, one, many) { return `${n} ${n === 1 ? one : (many || one + 's')}`; }

export const KINDS = [['image', 'Images'], ['video', 'Videos'], ['audio', 'Audio'], ['document', 'Documents'], ['other', 'Other']];

export const STATUS_LABEL = { active: 'Active', disabled: 'Disabled', expired: 'Expired', used_up: 'Used up', creator_deleted: 'Creator deleted', removed: 'Removed', available: 'Available', unavailable: 'Unavailable' };

export function badge(status) {
  return h('span', { class: `badge ${status}` }, STATUS_LABEL[status] || status);
}

export function initials(user) {
  const source = (user.displayName || user.email || '?').trim();
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts[1] ? parts[1][0] : '')).toUpperCase();
}

// ---------- feedback ----------

let toastHost;
export function toast(message, kind) {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastHost);
  }
  const el = h('div', { class: ['toast', kind === 'bad' && 'bad'] }, icon(kind === 'bad' ? 'x' : 'check'), message);
  toastHost.append(el);
  setTimeout(() => el.remove(), kind === 'bad' ? 6000 : 3000);
}

export async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context and focus: fall back to a hidden field.
    const field = h('textarea', { class: 'sr-only', readonly: true });
    field.value = text;
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
  toast(`${what || 'Link'} copied`);
}

/** A modal <dialog>; returns {dialog, close}. build(close) gives its content. */
export function modal(build, cls) {
  const dialog = h('dialog', { class: cls });
  const opener = document.activeElement;
  const close = (value) => { dialog.close(value ?? ''); };
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
  });
  append(dialog, [build(close)]);
  document.body.append(dialog);
  trapFocus(dialog);
  dialog.showModal();
  return { dialog, close };
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, video[controls], audio[controls], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside an open dialog (a modal <dialog> alone lets the focus
 *  leave for the browser's own controls). */
export function trapFocus(dialog) {
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    // What can take the focus now: shown, and not inside a closed <details> (whose content
    // keeps its boxes in Chromium).
    const all = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length
      && !el.closest('[hidden], details:not([open]) > :not(summary)'));
    if (!all.length) return;
    const [first, last] = [all[0], all[all.length - 1]];
    if (e.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      e.preventDefault();
      first.focus();
    }
  });
}

/** A confirmation dialog: resolves true when confirmed. */
export function confirmDialog({ title, message, confirm = 'Delete', danger = true }) {
  return new Promise((resolve) => {
    let answered = false;
    const { dialog } = modal((close) => h('form', { method: 'dialog', class: 'dlg', onsubmit: (e) => { e.preventDefault(); answered = true; close('yes'); } },
      h('div', { class: 'dlg-head' }, h('h2', null, title)),
      h('div', { class: 'dlg-body' }, h('p', null, message)),
      h('div', { class: 'dlg-foot' },
        h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'),
        h('button', { type: 'submit', class: ['btn', danger ? 'danger solid' : 'primary'], autofocus: true }, confirm))), 'narrow');
    dialog.addEventListener('close', () => resolve(answered));
  });
}

/** A field with its label: field('Title', input, 'hint'). */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);
}

export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}
