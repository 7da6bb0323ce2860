// One asset: preview, facts, editable name, status, expiry and attributes, and its links.
import { h, icon, bytes, dateTime, date, relative, badge, toast, confirmDialog, field } from './dom.js';
import { t, lang } from './i18n.js';
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
      h('span', null, state === 'pending' ? t('asset-preview-pending') : t('asset-no-preview'))));
  }
  return box;
}

export async function assetView(ctx, root) {
  const id = ctx.params[0];
  let asset = await get(`/assets/${id}`);
  const writable = can('assets:write');
  let shares = [];
  try { shares = (await get(`/assets/${id}/shares`)).items; } catch { shares = []; }

  const nameInput = h('input', { type: 'text', value: asset.name, 'aria-label': t('asset-file-name') });
  const title = h('h1', { class: 'ellipsis' }, asset.name);
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/assets' }, t('nav-assets')), ' / '), title,
      h('p', { class: 'muted' }, t('asset-summary', { kind: kindLabel(asset.kind), size: bytes(asset.size), date: date(asset.createdAt) }))),
    h('a', { class: 'btn', href: originalUrl(asset), download: asset.name }, icon('download'), t('asset-download')),
    writable ? h('button', { class: 'btn', onclick: () => collectionPicker([asset.id]) }, icon('folder'), t('assets-add-to-collection')) : null,
    can('shares:write') ? h('button', { class: 'btn primary', onclick: () => openShareDialog({ assets: [asset] }) }, icon('share'), t('share')) : null));

  // ----- details panel -----
  const status = h('select', { disabled: !writable, 'aria-label': t('status-field') },
    h('option', { value: 'available', selected: asset.status === 'available' }, t('status', { status: 'available' })),
    h('option', { value: 'unavailable', selected: asset.status === 'unavailable' }, t('asset-unavailable-option')));
  const expires = h('input', { type: 'date', lang, value: asset.expiresAt ? asset.expiresAt.slice(0, 10) : '', disabled: !writable });
  const saveMsg = h('span', { class: 'small muted', role: 'status' });

  async function save(changes, what) {
    try {
      asset = await patch(`/assets/${asset.id}`, changes);
      saveMsg.textContent = what;
      title.textContent = asset.name;
      setTimeout(() => { saveMsg.textContent = ''; }, 2500);
    } catch (e) { toast(e.message, 'bad'); }
  }
  nameInput.addEventListener('change', () => { if (nameInput.value.trim()) save({ name: nameInput.value.trim() }, t('asset-name-saved')); });
  status.addEventListener('change', () => save({ status: status.value }, t('asset-status-saved')));
  expires.addEventListener('change', () => save({ expiresAt: expires.value ? new Date(`${expires.value}T23:59:59`).toISOString() : null }, t('asset-expiry-saved')));

  const facts = h('dl', { class: 'facts' },
    h('dt', null, t('asset-type')), h('dd', null, asset.mimeType),
    h('dt', null, t('size')), h('dd', null, t('asset-size-exact', { size: bytes(asset.size), bytes: asset.size })),
    h('dt', null, t('added')), h('dd', null, dateTime(asset.createdAt)),
    h('dt', null, 'SHA-256'), h('dd', { class: 'mono', title: asset.sha256 }, `${asset.sha256.slice(0, 16)}…`),
    h('dt', null, t('asset-thumbnail')), h('dd', null, asset.derivatives?.thumbnail?.state ? t('derivative-state', { state: asset.derivatives.thumbnail.state }) : '—'));

  const details = h('section', { class: 'panel' },
    h('header', null, h('h2', null, t('asset-details')), saveMsg),
    h('div', { class: 'body stack' },
      writable ? field(t('name'), nameInput) : null,
      field(t('status-field'), status),
      field(t('expires'), expires, t('asset-expires-hint')),
      facts));

  // ----- attributes -----
  const rows = h('div', { class: 'stack tight', id: 'attributes' });
  const addRow = (k = '', v = '') => {
    const key = h('input', { type: 'text', value: k, placeholder: t('asset-attribute-key'), 'aria-label': t('asset-attribute-name'), disabled: !writable });
    const value = h('input', { type: 'text', value: v, placeholder: t('asset-attribute-value'), 'aria-label': t('asset-attribute-value-label'), disabled: !writable });
    const row = h('div', { class: 'attr-row' }, key, value,
      writable ? h('button', { type: 'button', class: 'btn ghost icon-only', 'aria-label': t('asset-attribute-remove'), onclick: () => row.remove() }, icon('x')) : h('span'));
    rows.append(row);
  };
  for (const [k, v] of Object.entries(asset.attributes || {})) addRow(k, v);
  const attributes = h('section', { class: 'panel' },
    h('header', null, h('h2', null, t('asset-attributes'))),
    h('form', { class: 'body stack', onsubmit: (e) => {
      e.preventDefault();
      const map = {};
      for (const r of rows.children) {
        const [k, v] = r.querySelectorAll('input');
        if (k.value.trim()) map[k.value.trim()] = v.value;
      }
      save({ attributes: map }, t('asset-attributes-saved'));
    } }, rows,
    !Object.keys(asset.attributes || {}).length && !writable ? h('p', { class: 'muted' }, t('asset-no-attributes')) : null,
    writable ? h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn', onclick: () => addRow() }, icon('plus'), t('add')),
      h('span', { class: 'grow' }),
      h('button', { type: 'submit', class: 'btn primary' }, t('asset-save-attributes'))) : null));

  // ----- links that include it -----
  const linkList = h('div', { id: 'asset-shares' });
  if (!shares.length) linkList.append(h('p', { class: 'muted' }, t('asset-not-shared')));
  for (const s of shares) {
    linkList.append(h('div', { class: 'share-mini' },
      h('div', { class: 'row' }, h('a', { href: `#/shares/${s.id}`, class: 'grow ellipsis' }, s.title), badge(s.status)),
      h('div', { class: 'stats' }, [t('n-visits', { count: s.visits }), t('n-downloads', { count: s.downloads }),
        s.status === 'expired' ? t('share-expired-when', { when: relative(s.expiresAt) }) : t('share-expires-when', { when: relative(s.expiresAt) }),
        s.maxUses ? t('share-uses-of', { uses: s.uses, max: s.maxUses }) : null].filter(Boolean).join(' · '))));
  }
  const sharing = h('section', { class: 'panel' },
    h('header', null, h('h2', null, t('asset-sharing')), h('span', { class: 'muted small' }, t('n-links', { count: shares.length }))),
    h('div', { class: 'body' }, linkList));

  const danger = writable ? h('section', { class: 'panel danger-zone' },
    h('div', { class: 'body row' }, h('span', { class: 'grow muted' }, t('asset-delete-hint')),
      h('button', { class: 'btn danger', onclick: async () => {
        if (!await confirmDialog({ title: t('delete-named', { name: asset.name }), message: t('asset-delete-message') })) return;
        try { await del(`/assets/${asset.id}`); toast(t('asset-deleted')); go('/assets'); } catch (e) { toast(e.message, 'bad'); }
      } }, icon('trash'), t('delete')))) : null;

  root.append(h('div', { class: 'page-body' }, h('div', { class: 'detail' },
    h('div', null, preview(asset), attributes, historyPanel(asset.id)),
    h('div', null, details, domainPicker(asset), attachmentsPanel(asset.id, writable), sharing, danger))));
}
