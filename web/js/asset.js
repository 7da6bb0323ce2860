// One asset: preview, facts, editable name, status, expiry and attributes, and its links.
import { h, icon, bytes, dateTime, date, relative, badge, toast, confirmDialog, field, plural } from './dom.js';
import { get, patch, del, can, previewUrl, thumbUrl, originalUrl, ready } from './api.js';
import { kindLabel, collectionPicker } from './assets.js';
import { openShareDialog } from './share-dialog.js';
import { go } from './app.js';
import { historyPanel } from './history.js';
import { attachmentsPanel } from './attachments.js';
import { domainPicker } from './domains.js';

function preview(asset) {
  const box = h('div', { class: 'preview-box', id: 'asset-preview' });
  if (asset.kind === 'video') {
    box.append(h('video', { src: originalUrl(asset), controls: true, preload: 'metadata', poster: ready(asset, 'thumbnail') ? thumbUrl(asset) : undefined }));
  } else if (asset.kind === 'audio') {
    box.append(h('audio', { src: originalUrl(asset), controls: true, preload: 'metadata' }));
  } else if (asset.kind === 'image' && (ready(asset, 'preview') || ready(asset, 'thumbnail') || asset.size < 25e6)) {
    const src = ready(asset, 'preview') ? previewUrl(asset) : asset.size < 25e6 && /^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(asset.mimeType) ? originalUrl(asset) : thumbUrl(asset);
    box.append(h('img', { src, alt: asset.attributes?.title || asset.name }));
  } else {
    const state = asset.derivatives?.preview?.state;
    box.append(h('div', { class: 'placeholder' }, icon(asset.kind, 'big'),
      h('span', null, state === 'pending' ? 'The preview is being made…' : 'No preview for this file')));
  }
  return box;
}

export async function assetView(ctx, root) {
  const id = ctx.params[0];
  let asset = await get(`/assets/${id}`);
  const writable = can('assets:write');
  let shares = [];
  try { shares = (await get(`/assets/${id}/shares`)).items; } catch { shares = []; }

  const nameInput = h('input', { type: 'text', value: asset.name, 'aria-label': 'File name' });
  const title = h('h1', { class: 'ellipsis' }, asset.name);
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/assets' }, 'Assets'), ' / '), title,
      h('p', { class: 'muted' }, `${kindLabel(asset.kind)} · ${bytes(asset.size)} · added ${date(asset.createdAt)}`)),
    h('a', { class: 'btn', href: originalUrl(asset), download: asset.name }, icon('download'), 'Download'),
    writable ? h('button', { class: 'btn', onclick: () => collectionPicker([asset.id]) }, icon('folder'), 'Add to collection') : null,
    can('shares:write') ? h('button', { class: 'btn primary', onclick: () => openShareDialog({ assets: [asset] }) }, icon('share'), 'Share') : null));

  // ----- details panel -----
  const status = h('select', { disabled: !writable, 'aria-label': 'Status' },
    h('option', { value: 'available', selected: asset.status === 'available' }, 'Available'),
    h('option', { value: 'unavailable', selected: asset.status === 'unavailable' }, 'Unavailable — cannot be downloaded or shared'));
  const expires = h('input', { type: 'date', value: asset.expiresAt ? asset.expiresAt.slice(0, 10) : '', disabled: !writable });
  const saveMsg = h('span', { class: 'small muted', role: 'status' });

  async function save(changes, what) {
    try {
      asset = await patch(`/assets/${asset.id}`, changes);
      saveMsg.textContent = `${what} saved`;
      title.textContent = asset.name;
      setTimeout(() => { saveMsg.textContent = ''; }, 2500);
    } catch (e) { toast(e.message, 'bad'); }
  }
  nameInput.addEventListener('change', () => { if (nameInput.value.trim()) save({ name: nameInput.value.trim() }, 'Name'); });
  status.addEventListener('change', () => save({ status: status.value }, 'Status'));
  expires.addEventListener('change', () => save({ expiresAt: expires.value ? new Date(`${expires.value}T23:59:59`).toISOString() : null }, 'Expiry'));

  const facts = h('dl', { class: 'facts' },
    h('dt', null, 'Type'), h('dd', null, asset.mimeType),
    h('dt', null, 'Size'), h('dd', null, `${bytes(asset.size)} (${asset.size.toLocaleString()} bytes)`),
    h('dt', null, 'Added'), h('dd', null, dateTime(asset.createdAt)),
    h('dt', null, 'SHA-256'), h('dd', { class: 'mono', title: asset.sha256 }, `${asset.sha256.slice(0, 16)}…`),
    h('dt', null, 'Thumbnail'), h('dd', null, asset.derivatives?.thumbnail?.state?.replace('_', ' ') || '—'));

  const details = h('section', { class: 'panel' },
    h('header', null, h('h2', null, 'Details'), saveMsg),
    h('div', { class: 'body stack' },
      writable ? field('Name', nameInput) : null,
      field('Status', status),
      field('Expires', expires, 'After this date the asset can no longer be downloaded or shared.'),
      facts));

  // ----- attributes -----
  const rows = h('div', { class: 'stack tight', id: 'attributes' });
  const addRow = (k = '', v = '') => {
    const key = h('input', { type: 'text', value: k, placeholder: 'key', 'aria-label': 'Attribute name', disabled: !writable });
    const value = h('input', { type: 'text', value: v, placeholder: 'value', 'aria-label': 'Attribute value', disabled: !writable });
    const row = h('div', { class: 'attr-row' }, key, value,
      writable ? h('button', { type: 'button', class: 'btn ghost icon-only', 'aria-label': 'Remove attribute', onclick: () => row.remove() }, icon('x')) : h('span'));
    rows.append(row);
  };
  for (const [k, v] of Object.entries(asset.attributes || {})) addRow(k, v);
  const attributes = h('section', { class: 'panel' },
    h('header', null, h('h2', null, 'Attributes')),
    h('form', { class: 'body stack', onsubmit: (e) => {
      e.preventDefault();
      const map = {};
      for (const r of rows.children) {
        const [k, v] = r.querySelectorAll('input');
        if (k.value.trim()) map[k.value.trim()] = v.value;
      }
      save({ attributes: map }, 'Attributes');
    } }, rows,
    !Object.keys(asset.attributes || {}).length && !writable ? h('p', { class: 'muted' }, 'No attributes.') : null,
    writable ? h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn', onclick: () => addRow() }, icon('plus'), 'Add'),
      h('span', { class: 'grow' }),
      h('button', { type: 'submit', class: 'btn primary' }, 'Save attributes')) : null));

  // ----- links that include it -----
  const linkList = h('div', { id: 'asset-shares' });
  if (!shares.length) linkList.append(h('p', { class: 'muted' }, 'Not shared yet.'));
  for (const s of shares) {
    linkList.append(h('div', { class: 'share-mini' },
      h('div', { class: 'row' }, h('a', { href: `#/shares/${s.id}`, class: 'grow ellipsis' }, s.title), badge(s.status)),
      h('div', { class: 'stats' }, `${plural(s.visits, 'visit')} · ${plural(s.downloads, 'download')} · ${s.status === 'expired' ? 'expired' : 'expires'} ${relative(s.expiresAt)}${s.maxUses ? ` · ${s.uses}/${s.maxUses} uses` : ''}`)));
  }
  const sharing = h('section', { class: 'panel' },
    h('header', null, h('h2', null, 'Sharing'), h('span', { class: 'muted small' }, plural(shares.length, 'link'))),
    h('div', { class: 'body' }, linkList));

  const danger = writable ? h('section', { class: 'panel danger-zone' },
    h('div', { class: 'body row' }, h('span', { class: 'grow muted' }, 'Delete the file and its previews for good.'),
      h('button', { class: 'btn danger', onclick: async () => {
        if (!await confirmDialog({ title: `Delete “${asset.name}”?`, message: 'This cannot be undone. Links that include it stop showing it.' })) return;
        try { await del(`/assets/${asset.id}`); toast('Asset deleted'); go('/assets'); } catch (e) { toast(e.message, 'bad'); }
      } }, icon('trash'), 'Delete'))) : null;

  root.append(h('div', { class: 'page-body' }, h('div', { class: 'detail' },
    h('div', null, preview(asset), attributes, historyPanel(asset.id)),
    h('div', null, details, domainPicker(asset), attachmentsPanel(asset.id, writable), sharing, danger))));
}
