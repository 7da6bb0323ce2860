// The team app's DOM helpers: those without words (elements.js) and those with them, in the
// app's language.
import { h, append, trapFocus, icon } from './elements.js';
import { t } from './i18n.js';

export { h, append, clear, icon, trapFocus } from './elements.js';

// ---------- formatting ----------

export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['b', 'kb', 'mb', 'gb', 'tb'];
  let i = 0;
  let v = Number(n);
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  const digits = i === 0 || v >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  return t('size-value', { value: number, unit: units[i] });
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

/** The kinds of asset with their names (as the filter lists them: "Images"). */
export const kinds = () => ['image', 'video', 'audio', 'document', 'other'].map((kind) => [kind, t('kinds', { kind })]);

/** A share's, recipient's or asset's status in words. */
export const statusLabel = (status) => t('status', { status });

export function badge(status) {
  return h('span', { class: `badge ${status}` }, statusLabel(status));
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
  toast(t('copied', { what: what || t('link') }));
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

/** A confirmation dialog: resolves true when confirmed. */
export function confirmDialog({ title, message, confirm = t('delete'), danger = true }) {
  return new Promise((resolve) => {
    let answered = false;
    const { dialog } = modal((close) => h('form', { method: 'dialog', class: 'dlg', onsubmit: (e) => { e.preventDefault(); answered = true; close('yes'); } },
      h('div', { class: 'dlg-head' }, h('h2', null, title)),
      h('div', { class: 'dlg-body' }, h('p', null, message)),
      h('div', { class: 'dlg-foot' },
        h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')),
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
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
