// Upload requests: links through which outside people send files in (the reverse of a share).
// The list beside the shares, one request's page (its files and activity), and the dialog that
// asks for files, opened from the collections page and the shares page.
import { h, icon, bytes, date, dateTime, relative, badge, toast, copy, confirmDialog, modal, field } from './dom.js';
import { get, post, patch, del, all, can, policy as loadPolicy } from './api.js';
import { expiryControl, passwordControl, recipientInput, languageControl } from './share-dialog.js';
import { go } from './app.js';
import { t } from './i18n.js';

const MB = 1000 * 1000;

function filesText(r) {
  return r.maxFiles ? `${r.files} / ${r.maxFiles}` : `${r.files}`;
}

/** "Request files": a button that opens the dialog, for page heads. */
export function requestButton(collection) {
  return can('shares:write') ? h('button', { class: 'btn', id: 'request-files', onclick: () => openRequestDialog({ collection }) }, icon('upload'), t('request-files')) : null;
}

export async function requestsView(ctx, root) {
  const page = await get('/requests');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-requests')), h('p', { class: 'muted' }, t('requests-intro'))),
    h('a', { class: 'btn', href: '#/shares' }, icon('link'), t('nav-shares')),
    requestButton()));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  if (!page.items.length) {
    body.append(h('div', { class: 'empty' }, icon('upload', 'big'), h('h2', null, t('requests-none')),
      h('p', null, t('requests-none-hint')), requestButton()));
    return;
  }
  body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'requests-table' },
    h('thead', null, h('tr', null, h('th', null, t('request')), h('th', null, t('status-field')), h('th', null, t('expires')), h('th', { class: 'num' }, t('files')), h('th', { class: 'num' }, t('size')), h('th', null, t('created')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
    h('tbody', null, page.items.map((r) => h('tr', { class: ['clickable', r.status !== 'active' && 'dim'], dataset: { id: r.id }, onclick: () => go(`/requests/${r.id}`) },
      h('td', null, h('div', { class: 'title-cell' }, h('a', { href: `#/requests/${r.id}`, class: 'ellipsis', onclick: (e) => e.stopPropagation() }, r.title),
        r.hasPassword ? h('span', { title: t('password'), class: 'muted' }, icon('lock')) : null)),
      h('td', null, badge(r.status)),
      h('td', { class: 'nowrap', title: dateTime(r.expiresAt) }, relative(r.expiresAt)),
      h('td', { class: 'num' }, filesText(r)),
      h('td', { class: 'num' }, bytes(r.bytes)),
      h('td', { class: 'nowrap' }, date(r.createdAt)),
      h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': t('copy-link-of', { title: r.title }), title: t('copy-link'), onclick: (e) => { e.stopPropagation(); copy(r.url); } }, icon('copy')))))))));
}

export async function requestView(ctx, root) {
  const id = ctx.params[0];
  let request = await get(`/requests/${id}`);
  const writable = can('shares:write');
  const toggle = h('button', { class: 'btn', id: 'toggle-request', onclick: async () => {
    try {
      request = await patch(`/requests/${id}`, { enabled: !request.enabled });
      toast(request.enabled ? t('link-enabled') : t('request-disabled-toast'));
      go(`/requests/${id}`);
    } catch (e) { toast(e.message, 'bad'); }
  } }, icon(request.enabled ? 'x' : 'check'), request.enabled ? t('disable') : t('enable'));
  const remove = h('button', { class: 'btn danger', onclick: async () => {
    if (!await confirmDialog({ title: t('request-delete-title'), message: t('request-delete-message') })) return;
    try { await del(`/requests/${id}`); toast(t('request-deleted')); go('/requests'); } catch (e) { toast(e.message, 'bad'); }
  } }, icon('trash'), t('delete'));
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/requests' }, t('nav-requests')), ' / '),
      h('div', { class: 'row' }, h('h1', { class: 'ellipsis' }, request.title), badge(request.status)),
      h('p', { class: 'muted ellipsis' }, request.description || '')),
    h('button', { class: 'btn', onclick: () => copy(request.url) }, icon('copy'), t('copy-link')),
    h('a', { class: 'btn', href: request.url, target: '_blank', rel: 'noopener' }, icon('external'), t('open')),
    writable ? toggle : null, writable ? remove : null));
  const stat = (k, v, sub) => h('div', { class: 'stat' }, h('div', { class: 'k' }, k), h('div', { class: 'v' }, String(v)), sub ? h('div', { class: 'muted small' }, sub) : null);
  root.append(h('div', { class: 'stats', id: 'request-stats' },
    stat(t('files'), filesText(request), request.uploading ? t('request-on-the-way', { count: request.uploading }) : (request.maxFiles ? t('request-of-the-limit') : t('no-limit'))),
    stat(t('size'), bytes(request.bytes), request.maxBytes ? t('request-of-size', { size: bytes(request.maxBytes) }) : t('no-limit')),
    stat(request.status === 'expired' ? t('expired') : t('expires'), date(request.expiresAt), relative(request.expiresAt)),
    stat(t('request-types'), request.allowedTypes.length ? request.allowedTypes.join(', ') : t('request-any-type'))));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  body.append(h('div', { class: 'notice info row' }, icon('folder'), h('span', { class: 'grow' }, t('request-lands-before'),
    h('a', { href: `#/collections/${request.collectionId}` }, t('request-lands-link')), t('request-lands-after'))));
  body.append(h('h2', { class: 'section-title' }, t('files')), request.received.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-files' },
    h('thead', null, h('tr', null, h('th', null, t('file')), h('th', { class: 'num' }, t('size')), h('th', null, t('request-from')), h('th', null, t('request-received')))),
    h('tbody', null, request.received.map((f) => h('tr', { dataset: { id: f.assetId } },
      h('td', null, h('a', { href: `#/assets/${f.assetId}`, class: 'ellipsis' }, f.name)),
      h('td', { class: 'num' }, bytes(f.size)),
      h('td', { class: 'ellipsis' }, [f.uploadedBy, f.uploadedByEmail].filter(Boolean).join(' · ') || t('request-not-given')),
      h('td', { class: 'nowrap', title: dateTime(f.receivedAt) }, relative(f.receivedAt))))))) : h('div', { class: 'empty' }, h('h2', null, t('request-no-files')), h('p', null, t('request-no-files-hint'))));
  if (request.recipients.length) {
    body.append(h('h2', { class: 'section-title' }, t('request-asked-by-email')), h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-recipients' },
      h('thead', null, h('tr', null, h('th', null, t('email')), h('th', null, t('status-field')), h('th', { class: 'num' }, t('files')), h('th', null, t('request-email-state')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
      h('tbody', null, request.recipients.map((r) => h('tr', null, h('td', null, r.email), h('td', null, badge(r.status)), h('td', { class: 'num' }, r.files),
        h('td', { class: 'small muted' }, r.emailState ? t('email-state', { state: r.emailState }) : '—'),
        h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': t('copy-link-of', { title: r.email }), onclick: () => copy(r.url) }, icon('copy')))))))));
  }
  const events = (await all(`/requests/${id}/events`)).reverse();
  body.append(h('h2', { class: 'section-title' }, t('activity')), events.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-events' },
    h('thead', null, h('tr', null, h('th', null, t('when')), h('th', null, t('request-what')), h('th', null, t('file')), h('th', { class: 'num' }, t('size')), h('th', null, t('address')))),
    h('tbody', null, events.map((e) => h('tr', null,
      h('td', { class: 'nowrap', title: dateTime(e.at) }, relative(e.at)),
      h('td', null, h('span', { class: ['badge', e.type === 'unlock_failed' ? 'failed' : 'ok'] }, t('request-event', { type: e.type }))),
      h('td', { class: 'ellipsis' }, e.name || ''),
      h('td', { class: 'num' }, e.bytes !== undefined && e.bytes !== null ? bytes(e.bytes) : ''),
      h('td', { class: 'mono small', title: e.userAgent }, e.clientAddress)))))) : h('p', { class: 'muted' }, t('request-activity-none')));
}

/** The dialog that asks for files; into `collection` when given, else a new one. */
export async function openRequestDialog({ collection } = {}) {
  const policy = await loadPolicy();
  const title = h('input', { type: 'text', required: true, id: 'request-title', value: collection ? collection.name : '', placeholder: t('request-title-example') });
  const description = h('textarea', { rows: 2, id: 'request-description', placeholder: t('request-description-placeholder') });
  const expiry = expiryControl(policy);
  const password = policy.allow.password ? passwordControl() : null;
  const maxFiles = h('input', { type: 'number', min: 1, step: 1, id: 'request-max-files', placeholder: t('no-limit-field') });
  const maxMb = h('input', { type: 'number', min: 1, step: 1, id: 'request-max-mb', placeholder: t('no-limit-field') });
  const types = h('input', { type: 'text', id: 'request-types', placeholder: t('request-types-placeholder') });
  const to = recipientInput();
  const message = h('textarea', { rows: 2, placeholder: t('optional-email-message') });
  const language = languageControl('request-language');
  const error = h('p', { class: 'error-text', hidden: true, role: 'alert' });
  modal((close) => h('form', { class: 'dlg', id: 'request-dialog', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const body = { title: title.value.trim(), ...expiry.read() };
      if (description.value.trim()) body.description = description.value.trim();
      if (collection) body.collectionId = collection.id;
      if (password?.input.value) body.password = password.input.value;
      if (maxFiles.value) body.maxFiles = Number(maxFiles.value);
      if (maxMb.value) body.maxBytes = Number(maxMb.value) * MB;
      const allowed = types.value.split(/[,\s]+/).map((type) => type.trim()).filter(Boolean);
      if (allowed.length) body.allowedTypes = allowed;
      // Requests ask people outside the team: addresses only.
      const recipients = to.read().filter((r) => r.email);
      if (recipients.length) body.recipients = recipients;
      if (message.value.trim()) body.message = message.value.trim();
      body.language = language.read();
      const made = await post('/requests', body);
      close();
      copy(made.url, t('request-link'));
      go(`/requests/${made.id}`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('request-files'))),
  h('div', { class: 'dlg-body stack' },
    h('p', { class: 'muted' }, collection ? t('request-lands-in', { name: collection.name }) : t('request-lands-in-new')),
    field(t('title'), title), field(t('description'), description), expiry.node,
    password ? field(t('password'), password.node) : null,
    h('div', { class: 'two' }, field(t('request-most-files'), maxFiles), field(t('request-most-mb'), maxMb)),
    field(t('request-allowed-types'), types, t('request-allowed-types-hint')),
    h('div', { class: 'field' }, h('label', { for: to.input.id }, t('request-ask-by-email')), to.node, h('span', { class: 'hint' }, t('request-ask-by-email-hint'))),
    field(t('message'), message), language.node, error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, icon('upload'), t('create-link')))), 'wide');
  title.focus();
}

