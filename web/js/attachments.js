// An asset's attachments (release forms, LUTs, sidecars): listed, downloaded, added, removed.
import { h, icon, bytes, toast, clear } from './dom.js';
import { get, del, session, ApiError } from './api.js';
import { t } from './i18n.js';

async function attach(assetId, file) {
  const response = await fetch(`/api/v1/assets/${assetId}/attachments?name=${encodeURIComponent(file.name)}`, {
    method: 'POST', credentials: 'same-origin', body: file,
    headers: { accept: 'application/json', 'x-csrf-token': session.csrf || '', 'content-type': file.type || 'application/octet-stream' },
  });
  if (!response.ok) throw await ApiError.of(response);
}

/** The panel of an asset's attachments; `writable` adds attaching and removing. */
export function attachmentsPanel(assetId, writable) {
  const list = h('ul', { class: 'history-list stack tight', id: 'asset-attachments' });
  async function load() {
    const { items } = await get(`/assets/${assetId}/attachments`);
    clear(list);
    if (!items.length) list.append(h('li', { class: 'muted' }, t('attachments-none')));
    for (const a of items) {
      const url = `/api/v1/assets/${assetId}/attachments/${a.id}`;
      list.append(h('li', { class: 'row' },
        h('a', { class: 'grow ellipsis', href: url, download: a.name }, a.name),
        h('span', { class: 'small muted' }, bytes(a.size)),
        writable ? h('button', { class: 'btn ghost icon-only', 'aria-label': t('remove-named', { name: a.name }), onclick: async () => {
          try { await del(`/assets/${assetId}/attachments/${a.id}`); await load(); } catch (e) { toast(e.message, 'bad'); }
        } }, icon('trash')) : null));
    }
  }
  const input = h('input', { type: 'file', multiple: true, hidden: true, id: 'attachment-file', onchange: async () => {
    try {
      for (const file of input.files) await attach(assetId, file);
      toast(t('attachments-attached'));
    } catch (e) { toast(e.message, 'bad'); }
    input.value = '';
    load();
  } });
  load().catch(() => list.append(h('li', { class: 'muted' }, t('attachments-unreadable'))));
  return h('section', { class: 'panel' },
    h('header', null, h('h2', null, t('attachments')),
      writable ? h('button', { class: 'btn', onclick: () => input.click() }, icon('plus'), t('attachments-attach')) : null, input),
    h('div', { class: 'body' }, list, h('p', { class: 'small muted' }, t('attachments-hint'))));
}
