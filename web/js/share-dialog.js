// The share dialog (from a selection, an asset or a collection) and the controls it shares
// with a share's settings: expiry, access and options, password, recipients, and the
// "link ready" panel (copy, QR code, embed code, email, open).
import { h, clear, icon, modal, field, copy, dateTime, date } from './dom.js';
import { get, post, policy as loadPolicy, isAdmin, thumbUrl, ready, ApiError } from './api.js';
import { go } from './app.js';
import { t, lang, LANGUAGES } from './i18n.js';
import { newCollectionControl, documentBoxes, readDocuments } from './share-extras.js';

export const DEFAULT_SHOWN = ['name', 'type', 'size', 'dimensions', 'duration'];

let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

/** The language of the recipients' emails: the share's, or for a new one the team app's. */
export function languageControl(id, current = lang) {
  const select = h('select', { id }, LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, selected: code === current }, name)));
  return { node: field(t('share-language'), select, t('share-language-hint')), read: () => select.value };
}

export function durationLabel(days) {
  if (days % 7 === 0 && days >= 7 && days <= 56) return t('duration-weeks', { count: days / 7 });
  if (days % 365 === 0) return t('duration-years', { count: days / 365 });
  return t('duration-days', { count: days });
}

export function defaultTitle() {
  const now = new Date();
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(now);
  return t('share-default-title', { date: date(now), time });
}

/** A strong, readable password: three groups of four from an unambiguous alphabet. */
export function generatePassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint32Array(12));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

function segmented(name, options, value, onChange) {
  const group = h('div', { class: 'segmented', role: 'radiogroup' });
  for (const [v, label] of options) {
    const input = h('input', { type: 'radio', name, value: v, checked: String(v) === String(value), onchange: () => onChange?.(v) });
    group.append(h('label', { dataset: { value: v } }, input, h('span', null, label)));
  }
  return group;
}

const checkedValue = (group) => group.querySelector('input:checked')?.value;

/** Expiry: the policy's durations, or a date. read() → {durationDays} | {expiresAt} | null (unchanged). */
export function expiryControl(policy, { current, optional } = {}) {
  const name = nextId('expiry');
  const maxDate = new Date(Date.now() + policy.maxExpiryDays * 86400e3);
  const tomorrow = new Date(Date.now() + 86400e3);
  const dateInput = h('input', { type: 'date', lang, 'aria-label': t('dialog-expiry-date'), min: tomorrow.toISOString().slice(0, 10), max: maxDate.toISOString().slice(0, 10), hidden: true });
  const options = policy.durationsDays.map((d) => [String(d), durationLabel(d)]);
  options.push(['date', t('dialog-date')]);
  if (optional) options.unshift(['keep', t('dialog-keep')]);
  const initial = optional ? 'keep' : String(policy.defaultDurationDays);
  const group = segmented(name, options, initial, (v) => { dateInput.hidden = v !== 'date'; if (v === 'date') dateInput.focus(); });
  group.id = 'expiry-choice';
  const hint = h('span', { class: 'hint' }, current ? `${t('dialog-now-expires', { date: dateTime(current) })} ` : '', t('dialog-at-most', { duration: durationLabel(policy.maxExpiryDays) }));
  const node = h('fieldset', null, h('legend', null, t('dialog-expires-after')), h('div', { class: 'row wrap' }, group, dateInput), hint);
  return {
    node,
    read() {
      const v = checkedValue(group);
      if (v === 'keep') return null;
      if (v === 'date') {
        if (!dateInput.value) throw new Error(t('dialog-pick-date'));
        return { expiresAt: new Date(`${dateInput.value}T23:59:59`).toISOString() };
      }
      return { durationDays: Number(v) };
    },
  };
}

/** Access, download options, shown attributes, watermark and the emails to the owner. */
export function optionControls(policy, initial, attributeKeys = []) {
  const allow = policy.allow;
  const has = (flag, used) => allow[flag] || used;
  const access = initial.access || policy.defaults.access || 'download';
  const dl = initial.downloadOptions || { original: policy.defaults.original, preview: policy.defaults.preview, thumbnail: policy.defaults.thumbnail, presets: [], attributes: false };
  const shown = initial.showAttributes || DEFAULT_SHOWN;

  const accessGroup = segmented(nextId('access'), [['download', t('preview-and-download')], ['view', t('view-only')]], access, (v) => { downloads.hidden = v !== 'download'; });
  accessGroup.id = 'access-choice';
  const box = (label, checked, data) => h('label', { class: 'check' }, h('input', { type: 'checkbox', checked, dataset: data }), label);
  const downloads = h('fieldset', { hidden: access !== 'download', id: 'download-options' }, h('legend', null, t('dialog-may-download')),
    h('div', { class: 'checks' },
      box(t('originals'), !!dl.original, { opt: 'original' }),
      box(t('previews'), !!dl.preview, { opt: 'preview' }),
      box(t('thumbnails'), !!dl.thumbnail, { opt: 'thumbnail' }),
      (policy.presets || []).map((p) => box(t('dialog-preset', { name: p }), (dl.presets || []).includes(p), { preset: p })),
      has('attributes', dl.attributes) ? box(t('dialog-attributes-csv'), !!dl.attributes, { opt: 'attributes' }) : null,
      documentBoxes(box, dl, allow)),
    h('span', { class: 'hint' }, t('dialog-variants-hint')));

  const keys = [...new Set([...DEFAULT_SHOWN, ...shown, ...attributeKeys])];
  const attributes = has('attributes', shown.some((k) => !DEFAULT_SHOWN.includes(k))) ? h('fieldset', { id: 'shown-attributes' }, h('legend', null, t('dialog-attributes-shown')),
    h('div', { class: 'checks' }, keys.map((k) => box(t('shown-attribute', { key: k }), shown.includes(k), { attr: k })))) : null;

  const watermark = has('watermark', initial.watermark) ? box(t('dialog-watermark'), initial.watermark ?? policy.defaults.watermark, { opt: 'watermark' }) : null;
  if (watermark) watermark.id = 'watermark';
  const told = initial.notify || policy.defaults.notify || {};
  const notify = h('fieldset', { id: 'notify-options' }, h('legend', null, t('dialog-notify')),
    h('div', { class: 'checks' }, box(t('dialog-notify-opened'), !!told.opened, { notify: 'opened' }), box(t('dialog-notify-downloaded'), !!told.downloaded, { notify: 'downloaded' })),
    h('span', { class: 'hint' }, t('dialog-notify-hint')),
    box(t('dialog-remind'), initial.remind ?? true, { remind: 'yes' }));

  const node = h('div', { class: 'stack' },
    has('viewOnly', access === 'view') ? h('fieldset', null, h('legend', null, t('access')), accessGroup) : null,
    downloads, attributes, watermark, notify);
  return {
    node,
    read() {
      const out = {};
      out.access = has('viewOnly', access === 'view') ? checkedValue(accessGroup) : 'download';
      const q = (sel) => downloads.querySelector(sel);
      out.downloadOptions = {
        original: q('[data-opt=original]').checked,
        preview: q('[data-opt=preview]').checked,
        thumbnail: q('[data-opt=thumbnail]').checked,
        presets: [...downloads.querySelectorAll('[data-preset]')].filter((b) => b.checked).map((b) => b.dataset.preset),
        attributes: !!q('[data-opt=attributes]')?.checked,
        ...readDocuments(downloads),
      };
      if (attributes) out.showAttributes = [...attributes.querySelectorAll('[data-attr]')].filter((b) => b.checked).map((b) => b.dataset.attr);
      if (watermark) out.watermark = watermark.querySelector('input').checked;
      const wants = (kind) => notify.querySelector(`[data-notify=${kind}]`).checked;
      out.notify = { opened: wants('opened'), downloaded: wants('downloaded') };
      out.remind = notify.querySelector('[data-remind]').checked;
      return out;
    },
  };
}

/** A password field with generate and show buttons. */
export function passwordControl(placeholder) {
  const input = h('input', { type: 'password', autocomplete: 'new-password', placeholder: placeholder || t('no-password'), id: nextId('password'), spellcheck: 'false' });
  const show = h('button', { type: 'button', class: 'btn icon-only', 'aria-label': t('dialog-show-password'), title: t('dialog-show-password'), 'aria-pressed': 'false',
    onclick: () => { const on = input.type === 'password'; input.type = on ? 'text' : 'password'; show.setAttribute('aria-pressed', String(on)); } }, icon('eye'));
  const gen = h('button', { type: 'button', class: 'btn', id: 'generate-password', onclick: () => { input.value = generatePassword(); input.type = 'text'; show.setAttribute('aria-pressed', 'true'); input.dispatchEvent(new Event('input')); } }, icon('key'), t('dialog-generate'));
  return { input, node: h('div', { class: 'row' }, input, show, gen) };
}

let usersCache = null;
async function knownUsers() {
  if (usersCache) return usersCache;
  try {
    usersCache = (await get(isAdmin() ? '/users' : '/users/directory')).items || [];
  } catch { usersCache = []; }
  return usersCache;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Recipients: internal users from suggestions, or typed email addresses. */
export function recipientInput() {
  const chosen = [];
  const chips = h('span', { class: 'row wrap' });
  const input = h('input', { type: 'text', placeholder: t('dialog-recipients-placeholder'), 'aria-label': t('dialog-add-recipients'), id: nextId('recipients'), autocomplete: 'off', role: 'combobox', 'aria-expanded': 'false', 'aria-autocomplete': 'list' });
  const list = h('ul', { class: 'suggest', role: 'listbox', hidden: true, id: nextId('suggest') });
  input.setAttribute('aria-controls', list.id);
  const wrap = h('div', { class: 'recipients', onclick: () => input.focus() }, chips, input, list);
  let active = -1;
  let matches = [];

  const draw = () => {
    clear(chips);
    chosen.forEach((r, i) => chips.append(h('span', { class: 'chip' }, r.label,
      h('button', { type: 'button', 'aria-label': t('remove-named', { name: r.label }), onclick: (e) => { e.stopPropagation(); chosen.splice(i, 1); draw(); } }, icon('x')))));
  };
  const add = (r) => {
    if (!chosen.some((c) => c.key === r.key)) chosen.push(r);
    input.value = '';
    hide();
    draw();
  };
  const addTyped = () => {
    const parts = input.value.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
    let bad = null;
    for (const p of parts) {
      if (EMAIL.test(p)) add({ key: p.toLowerCase(), label: p, body: { email: p } });
      else bad = p;
    }
    if (bad) { input.value = bad; input.setCustomValidity(t('dialog-not-an-email')); input.reportValidity(); }
  };
  const hide = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const suggest = async () => {
    input.setCustomValidity('');
    const q = input.value.trim().toLowerCase();
    if (!q) { hide(); return; }
    const users = await knownUsers();
    matches = users.filter((u) => (u.email.toLowerCase().includes(q) || (u.displayName || '').toLowerCase().includes(q))).slice(0, 6);
    clear(list);
    matches.forEach((u, i) => list.append(h('li', { role: 'option', id: `${list.id}-${i}`, 'aria-selected': 'false', onmousedown: (e) => { e.preventDefault(); pick(u); } },
      icon('users'), h('span', null, u.displayName || u.email), h('span', { class: 'muted small' }, u.email))));
    list.hidden = !matches.length;
    input.setAttribute('aria-expanded', String(!!matches.length));
  };
  const pick = (u) => add({ key: `u:${u.id}`, label: u.displayName || u.email, body: { userId: u.id } });
  input.addEventListener('input', suggest);
  input.addEventListener('blur', () => { setTimeout(hide, 100); if (input.value.trim()) addTyped(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!matches.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
      input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    } else if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      if (!input.value.trim()) return;
      e.preventDefault();
      if (active >= 0 && matches[active]) pick(matches[active]); else addTyped();
    } else if (e.key === 'Backspace' && !input.value && chosen.length) {
      chosen.pop();
      draw();
    } else if (e.key === 'Escape' && !list.hidden) {
      e.stopPropagation();
      hide();
    }
  });
  return {
    node: wrap,
    input,
    read() { if (input.value.trim()) addTyped(); return chosen.map((c) => c.body); },
    reset() { chosen.length = 0; draw(); },
  };
}

function unshareable(asset) {
  if (asset.status === 'unavailable') return 'unavailable';
  if (asset.expiresAt && new Date(asset.expiresAt) <= new Date()) return 'expired';
  return null;
}

const reason = (why) => t('left-out-reason', { why });

/** Opens the share dialog for {assets}, {collection} or {search} (a saved search it follows). */
export async function openShareDialog({ assets, collection, search }) {
  const policy = await loadPolicy();
  let items = assets || [];
  if (search) items = (await get(`/searches/${search.id}/assets`)).items;
  if (collection) {
    items = [];
    for (const id of collection.assetIds.slice(0, 200)) {
      try { items.push(await get(`/assets/${id}`)); } catch { /* gone */ }
    }
  }
  const blocked = items.filter(unshareable);
  const shareable = items.filter((a) => !unshareable(a));
  const attributeKeys = [...new Set(items.flatMap((a) => Object.keys(a.attributes || {})))].filter((k) => !['width', 'height'].includes(k)).slice(0, 12);

  const title = h('input', { type: 'text', required: true, value: defaultTitle(), maxlength: 200, id: 'share-title' });
  const description = h('textarea', { rows: 2, placeholder: t('dialog-description-placeholder'), id: 'share-description' });
  const expiry = expiryControl(policy);
  const options = optionControls(policy, {}, attributeKeys);
  const pw = passwordControl();
  const maxUses = h('input', { type: 'number', min: 1, step: 1, placeholder: t('unlimited'), id: 'share-max-uses', inputmode: 'numeric' });
  const recipients = recipientInput();
  const message = h('textarea', { rows: 2, placeholder: t('optional-email-message'), id: 'share-message' });
  const language = languageControl('share-language');
  const error = h('p', { class: 'error-text', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn primary', id: 'create-share', disabled: !shareable.length && !collection && !search }, icon('link'), t('create-link'));

  const sharing = collection ? t('dialog-sharing-collection', { name: collection.name, count: collection.assetIds.length })
    : search ? t('dialog-sharing-search', { name: search.name, count: items.length }) : t('dialog-sharing-assets', { count: shareable.length });
  const filing = !collection && !search && shareable.length > 1 ? newCollectionControl() : null;
  const strip = h('div', { class: 'strip', 'aria-hidden': 'true' }, shareable.slice(0, 12).map((a) => h('span', { class: 'mini-thumb', title: a.name },
    ready(a, 'thumbnail') ? h('img', { src: thumbUrl(a), alt: '' }) : icon(a.kind))));

  const protection = [];
  if (policy.allow.password) protection.push(h('div', { class: 'field' }, h('label', { for: pw.input.id }, t('password')), pw.node, h('span', { class: 'hint' }, t('dialog-password-hint'))));
  if (policy.allow.maxUses) protection.push(field(t('max-uses'), maxUses, t('dialog-max-uses-hint')));

  const form = h('form', { class: 'dlg', novalidate: false, onsubmit: (e) => { e.preventDefault(); create(); } },
    h('div', { class: 'dlg-head' }, icon('share'), h('h2', null, t('share')), h('button', { type: 'button', class: 'btn ghost icon-only', 'aria-label': t('close'), onclick: () => close() }, icon('x'))),
    h('div', { class: 'dlg-body' },
      h('div', { class: 'stack tight' }, h('span', { class: 'muted' }, sharing), strip, filing?.node),
      blocked.length ? h('div', { class: 'notice', id: 'blocked' }, t('dialog-blocked', { count: blocked.length }),
        h('ul', null, blocked.map((a) => h('li', null, `${a.name} — ${reason(unshareable(a))}`)))) : null,
      field(t('title'), title),
      field(t('description'), description),
      h('div', { class: 'section' }, expiry.node),
      h('div', { class: 'section' }, options.node),
      protection.length ? h('div', { class: 'section protection' }, protection) : null,
      h('div', { class: 'section stack' }, h('div', { class: 'field' }, h('label', { for: recipients.input.id }, t('dialog-send-to')), recipients.node,
        h('span', { class: 'hint' }, t('dialog-send-to-hint'))), field(t('message'), message),
        language.node),
      error),
    h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), submit));

  const { dialog, close } = modal(() => form, 'wide share-dialog');
  dialog.id = 'share-dialog';
  title.select();

  async function create() {
    error.hidden = true;
    if (!title.value.trim()) { error.textContent = t('dialog-title-needed'); error.hidden = false; title.focus(); return; }
    let body;
    try {
      body = { title: title.value.trim(), ...expiry.read(), ...options.read() };
    } catch (e) { error.textContent = e.message; error.hidden = false; return; }
    if (description.value.trim()) body.description = description.value.trim();
    if (collection) body.collectionId = collection.id;
    else if (search) body.searchId = search.id;
    else Object.assign(body, { assetIds: shareable.map((a) => a.id) }, filing?.read());
    if (pw.input.value) body.password = pw.input.value;
    if (maxUses.value) body.maxUses = Number(maxUses.value);
    const to = recipients.read();
    if (to.length) { body.recipients = to; if (message.value.trim()) body.message = message.value.trim(); }
    body.language = language.read();
    submit.disabled = true;
    try {
      const share = await post('/shares', body);
      const done = linkReady(share, { password: pw.input.value, close });
      clear(dialog).append(done);
      dialog.classList.add('done');
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 422 ? e.message : t('dialog-not-made', { reason: e.message });
      error.hidden = false;
      submit.disabled = false;
    }
  }
}

/** Copy, QR, embed, email and open, for a share: used after creation and on the share page. */
export function linkTools(share, { password } = {}) {
  const url = share.url;
  const urlInput = h('input', { type: 'text', readonly: true, value: url, 'aria-label': t('link'), id: 'share-url', onfocus: () => urlInput.select() });
  const extra = h('div', { class: 'stack' });
  const embed = `<a href="${url.replace(/"/g, '&quot;')}" target="_blank" rel="noopener">${share.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a>`;
  const showEmbed = () => {
    clear(extra).append(field(t('embed-code'), h('textarea', { readonly: true, rows: 3, class: 'mono', onfocus: (e) => e.target.select() }, embed),
      t('embed-hint')),
    h('div', null, h('button', { type: 'button', class: 'btn', onclick: () => copy(embed, t('embed-code')) }, icon('copy'), t('embed-copy'))));
  };
  const showEmail = () => {
    const to = recipientInput();
    const msg = h('textarea', { rows: 2, placeholder: t('optional-message') });
    const status = h('p', { class: 'small muted', role: 'status' });
    clear(extra).append(h('div', { class: 'field' }, h('label', { for: to.input.id }, t('email-link-to')), to.node), field(t('message'), msg), status,
      h('div', { class: 'row' }, h('button', { type: 'button', class: 'btn primary', onclick: async () => {
        const list = to.read();
        const emails = list.map((r) => r.email).filter(Boolean);
        if (!emails.length) { status.textContent = t('email-link-need-address'); return; }
        try {
          await post(`/shares/${share.id}/email`, { emails, message: msg.value.trim() || undefined });
          status.textContent = t('email-link-sent', { to: emails.join(', ') });
          to.reset();
        } catch (e) {
          if (e.status === 404 || e.status === 405) {
            // No mail route on this server: hand over to the mail program.
            location.href = `mailto:${emails.map(encodeURIComponent).join(',')}?subject=${encodeURIComponent(share.title)}&body=${encodeURIComponent(`${msg.value.trim() ? `${msg.value.trim()}\n\n` : ''}${url}`)}`;
          } else status.textContent = e.message;
        }
      } }, icon('send'), t('send'))));
  };
  return h('div', { class: 'stack' },
    h('div', { class: 'link-box' }, urlInput, h('button', { type: 'button', class: 'btn primary', id: 'copy-link', onclick: () => copy(url) }, icon('copy'), t('copy'))),
    password ? h('div', { class: 'notice info row' }, icon('lock'), h('span', { class: 'grow' }, t('ready-password')),
      h('button', { type: 'button', class: 'btn small', onclick: () => copy(password, t('password')) }, t('copy-password'))) : null,
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: url, target: '_blank', rel: 'noopener', id: 'open-link' }, icon('external'), t('open')),
      h('button', { type: 'button', class: 'btn', onclick: showEmail }, icon('mail'), t('email-link')),
      h('button', { type: 'button', class: 'btn', onclick: showEmbed }, icon('code'), t('embed-code')),
      h('a', { class: 'btn', href: `/api/v1/shares/${share.id}/qr.svg`, download: 'qr-code.svg' }, icon('qr'), t('download-qr'))),
    extra);
}

function linkReady(share, { password, close }) {
  const skipped = share.skipped || [];
  return h('div', { class: 'dlg', id: 'link-ready' },
    h('div', { class: 'dlg-head' }, h('div', { class: 'done-head grow' }, h('span', { class: 'ok' }, icon('check')),
      h('div', null, h('h2', null, t('ready-title')), h('p', { class: 'muted' }, share.title))),
    h('button', { type: 'button', class: 'btn ghost icon-only', 'aria-label': t('close'), onclick: () => close() }, icon('x'))),
    h('div', { class: 'dlg-body' },
      h('div', { class: 'done-grid' },
        linkTools(share, { password }),
        h('img', { class: 'qr', src: `/api/v1/shares/${share.id}/qr.svg`, alt: t('qr-code-for', { url: share.url }), width: 168, height: 168 })),
      h('p', { class: 'muted small' }, [t('ready-expires', { date: dateTime(share.expiresAt) }), share.maxUses ? t('n-uses', { count: share.maxUses }) : null, share.access === 'view' ? t('ready-view-only') : null].filter(Boolean).join(' · ')),
      skipped.length ? h('div', { class: 'notice' }, t('ready-left-out', { count: skipped.length }), h('ul', null, skipped.map((s) => h('li', null, `${s.assetId.slice(0, 8)}… — ${reason(s.reason)}`)))) : null,
      share.recipients?.length ? h('div', { class: 'stack tight' }, h('strong', null, t('ready-personal-links', { count: share.recipients.length })),
        share.recipients.map((r) => h('div', { class: 'row small' }, h('span', { class: 'grow ellipsis' }, r.email || r.userId), h('button', { type: 'button', class: 'btn small', onclick: () => copy(r.url) }, icon('copy'), t('copy-link'))))) : null),
    h('div', { class: 'dlg-foot' },
      h('button', { type: 'button', class: 'btn', id: 'go-share-page', onclick: () => { close(); go(`/shares/${share.id}`); } }, t('ready-go-to-share')),
      h('button', { type: 'button', class: 'btn primary', onclick: () => close() }, t('done'))));
}
