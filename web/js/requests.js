// Upload requests: links through which outside people send files in (the reverse of a share).
// The list beside the shares, one request's page (its files and activity), and the dialog that
// asks for files, opened from the collections page and the shares page.
import { h, icon, bytes, date, dateTime, relative, badge, toast, copy, confirmDialog, modal, field } from './dom.js';
import { get, post, patch, del, all, can, policy as loadPolicy } from './api.js';
import { expiryControl, passwordControl, recipientInput, languageControl } from './share-dialog.js';
import { go } from './app.js';

const MB = 1000 * 1000;

function filesText(r) {
  return r.maxFiles ? `${r.files} / ${r.maxFiles}` : `${r.files}`;
}

/** "Request files": a button that opens the dialog, for page heads. */
export function requestButton(collection) {
  return can('shares:write') ? h('button', { class: 'btn', id: 'request-files', onclick: () => openRequestDialog({ collection }) }, icon('upload'), 'Request files') : null;
}

export async function requestsView(ctx, root) {
  const page = await get('/requests');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, 'Requests'), h('p', { class: 'muted' }, 'Links through which people outside the team send you files. What they send lands in your assets.')),
    h('a', { class: 'btn', href: '#/shares' }, icon('link'), 'Shares'),
    requestButton()));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  if (!page.items.length) {
    body.append(h('div', { class: 'empty' }, icon('upload', 'big'), h('h2', null, 'No requests yet'),
      h('p', null, 'Ask a client for their footage or signed documents with a link: no account needed on their side.'), requestButton()));
    return;
  }
  body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'requests-table' },
    h('thead', null, h('tr', null, h('th', null, 'Request'), h('th', null, 'Status'), h('th', null, 'Expires'), h('th', { class: 'num' }, 'Files'), h('th', { class: 'num' }, 'Size'), h('th', null, 'Created'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
    h('tbody', null, page.items.map((r) => h('tr', { class: ['clickable', r.status !== 'active' && 'dim'], dataset: { id: r.id }, onclick: () => go(`/requests/${r.id}`) },
      h('td', null, h('div', { class: 'title-cell' }, h('a', { href: `#/requests/${r.id}`, class: 'ellipsis', onclick: (e) => e.stopPropagation() }, r.title),
        r.hasPassword ? h('span', { title: 'Password', class: 'muted' }, icon('lock')) : null)),
      h('td', null, badge(r.status)),
      h('td', { class: 'nowrap', title: dateTime(r.expiresAt) }, relative(r.expiresAt)),
      h('td', { class: 'num' }, filesText(r)),
      h('td', { class: 'num' }, bytes(r.bytes)),
      h('td', { class: 'nowrap' }, date(r.createdAt)),
      h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': `Copy link of ${r.title}`, title: 'Copy link', onclick: (e) => { e.stopPropagation(); copy(r.url); } }, icon('copy')))))))));
}

export async function requestView(ctx, root) {
  const id = ctx.params[0];
  let request = await get(`/requests/${id}`);
  const writable = can('shares:write');
  const toggle = h('button', { class: 'btn', id: 'toggle-request', onclick: async () => {
    try {
      request = await patch(`/requests/${id}`, { enabled: !request.enabled });
      toast(request.enabled ? 'Link enabled' : 'Link disabled: it takes no files until enabled again');
      go(`/requests/${id}`);
    } catch (e) { toast(e.message, 'bad'); }
  } }, icon(request.enabled ? 'x' : 'check'), request.enabled ? 'Disable' : 'Enable');
  const remove = h('button', { class: 'btn danger', onclick: async () => {
    if (!await confirmDialog({ title: 'Delete this request?', message: 'Its link stops working. The files it received stay in your assets.' })) return;
    try { await del(`/requests/${id}`); toast('Request deleted'); go('/requests'); } catch (e) { toast(e.message, 'bad'); }
  } }, icon('trash'), 'Delete');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/requests' }, 'Requests'), ' / '),
      h('div', { class: 'row' }, h('h1', { class: 'ellipsis' }, request.title), badge(request.status)),
      h('p', { class: 'muted ellipsis' }, request.description || '')),
    h('button', { class: 'btn', onclick: () => copy(request.url) }, icon('copy'), 'Copy link'),
    h('a', { class: 'btn', href: request.url, target: '_blank', rel: 'noopener' }, icon('external'), 'Open'),
    writable ? toggle : null, writable ? remove : null));
  const stat = (k, v, sub) => h('div', { class: 'stat' }, h('div', { class: 'k' }, k), h('div', { class: 'v' }, String(v)), sub ? h('div', { class: 'muted small' }, sub) : null);
  root.append(h('div', { class: 'stats', id: 'request-stats' },
    stat('Files', filesText(request), request.uploading ? `${request.uploading} on the way` : (request.maxFiles ? 'received of the limit' : 'no limit')),
    stat('Size', bytes(request.bytes), request.maxBytes ? `of ${bytes(request.maxBytes)}` : 'no limit'),
    stat(request.status === 'expired' ? 'Expired' : 'Expires', date(request.expiresAt), relative(request.expiresAt)),
    stat('Types', request.allowedTypes.length ? request.allowedTypes.join(', ') : 'Any')));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  body.append(h('div', { class: 'notice info row' }, icon('folder'), h('span', { class: 'grow' }, 'Files land in the collection ',
    h('a', { href: `#/collections/${request.collectionId}` }, 'of this request'), '. Nobody else sees them until you share them.')));
  body.append(h('h2', { class: 'section-title' }, 'Files'), request.received.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-files' },
    h('thead', null, h('tr', null, h('th', null, 'File'), h('th', { class: 'num' }, 'Size'), h('th', null, 'From'), h('th', null, 'Received'))),
    h('tbody', null, request.received.map((f) => h('tr', { dataset: { id: f.assetId } },
      h('td', null, h('a', { href: `#/assets/${f.assetId}`, class: 'ellipsis' }, f.name)),
      h('td', { class: 'num' }, bytes(f.size)),
      h('td', { class: 'ellipsis' }, [f.uploadedBy, f.uploadedByEmail].filter(Boolean).join(' · ') || 'Not given'),
      h('td', { class: 'nowrap', title: dateTime(f.receivedAt) }, relative(f.receivedAt))))))) : h('div', { class: 'empty' }, h('h2', null, 'No files yet'), h('p', null, 'Send the link to whoever has the files.')));
  if (request.recipients.length) {
    body.append(h('h2', { class: 'section-title' }, 'Asked by email'), h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-recipients' },
      h('thead', null, h('tr', null, h('th', null, 'Email'), h('th', null, 'Status'), h('th', { class: 'num' }, 'Files'), h('th', null, 'Email state'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', null, request.recipients.map((r) => h('tr', null, h('td', null, r.email), h('td', null, badge(r.status)), h('td', { class: 'num' }, r.files),
        h('td', { class: 'small muted' }, r.emailState || '—'),
        h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': `Copy ${r.email}'s link`, onclick: () => copy(r.url) }, icon('copy')))))))));
  }
  const events = (await all(`/requests/${id}/events`)).reverse();
  const LABEL = { upload: 'Upload', deleted: 'Removed by sender', unlock_failed: 'Wrong password' };
  body.append(h('h2', { class: 'section-title' }, 'Activity'), events.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'request-events' },
    h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'What'), h('th', null, 'File'), h('th', { class: 'num' }, 'Size'), h('th', null, 'Address'))),
    h('tbody', null, events.map((e) => h('tr', null,
      h('td', { class: 'nowrap', title: dateTime(e.at) }, relative(e.at)),
      h('td', null, h('span', { class: ['badge', e.type === 'unlock_failed' ? 'failed' : 'ok'] }, LABEL[e.type] || e.type)),
      h('td', { class: 'ellipsis' }, e.name || ''),
      h('td', { class: 'num' }, e.bytes !== undefined && e.bytes !== null ? bytes(e.bytes) : ''),
      h('td', { class: 'mono small', title: e.userAgent }, e.clientAddress)))))) : h('p', { class: 'muted' }, 'Uploads show here as they happen.'));
}

/** The dialog that asks for files; into `collection` when given, else a new one. */
export async function openRequestDialog({ collection } = {}) {
  const policy = await loadPolicy();
  const title = h('input', { type: 'text', required: true, id: 'request-title', value: collection ? collection.name : '', placeholder: 'e.g. Raw footage from the shoot' });
  const description = h('textarea', { rows: 2, id: 'request-description', placeholder: 'What you need, for whoever opens the link' });
  const expiry = expiryControl(policy);
  const password = policy.allow.password ? passwordControl() : null;
  const maxFiles = h('input', { type: 'number', min: 1, step: 1, id: 'request-max-files', placeholder: 'No limit' });
  const maxMb = h('input', { type: 'number', min: 1, step: 1, id: 'request-max-mb', placeholder: 'No limit' });
  const types = h('input', { type: 'text', id: 'request-types', placeholder: 'Any, or e.g. image/*, video/*, .pdf' });
  const to = recipientInput();
  const message = h('textarea', { rows: 2, placeholder: 'Optional message in the email' });
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
      const allowed = types.value.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean);
      if (allowed.length) body.allowedTypes = allowed;
      // Requests ask people outside the team: addresses only.
      const recipients = to.read().filter((r) => r.email);
      if (recipients.length) body.recipients = recipients;
      if (message.value.trim()) body.message = message.value.trim();
      body.language = language.read();
      const made = await post('/requests', body);
      close();
      copy(made.url, 'Request link');
      go(`/requests/${made.id}`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, 'Request files')),
  h('div', { class: 'dlg-body stack' },
    h('p', { class: 'muted' }, collection ? `Files sent through the link land in “${collection.name}”.` : 'Files sent through the link land in a new collection named after the request.'),
    field('Title', title), field('Description', description), expiry.node,
    password ? field('Password', password.node) : null,
    h('div', { class: 'two' }, field('Most files', maxFiles), field('Most megabytes in all', maxMb)),
    field('Allowed types', types, 'Checked on each file’s content, not only its name.'),
    h('div', { class: 'field' }, h('label', { for: to.input.id }, 'Ask by email'), to.node, h('span', { class: 'hint' }, 'Each address gets its own link.')),
    field('Message', message), language.node, error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn primary' }, icon('upload'), 'Create link'))), 'wide');
  title.focus();
}

