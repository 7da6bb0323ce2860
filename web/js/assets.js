// Assets: grid and list, search, filters, selection, upload; also a collection's page.
import { h, clear, icon, bytes, date, kinds, badge, toast, debounce, modal, confirmDialog, field } from './dom.js';
import { get, post, patch, del, query, can, thumbUrl, ready, ApiError } from './api.js';
import { upload, uploadButton, dropTarget, onUploaded } from './upload.js';
import { openShareDialog } from './share-dialog.js';
import { state, setQuery, go, refreshCollections } from './app.js';
import { t } from './i18n.js';
import { saveSearchButton } from './searches.js';
import { requestButton } from './requests.js';
import { currentDomain, moveToDomainButton } from './domains.js';

/** The thumbnail of an asset, or its kind's icon while there is none. */
export function assetThumb(asset, big) {
  if (ready(asset, 'thumbnail')) {
    return h('img', { src: thumbUrl(asset), alt: '', loading: 'lazy', decoding: 'async', width: 150, height: 150 });
  }
  return icon(asset.kind || 'other', big ? 'big' : '');
}

export const kindLabel = (kind) => t('kind', { kind: kind || 'file' });

export async function assetsView(ctx, root) {
  const collectionId = ctx.collection || null;
  const view = { mode: localStorage.getItem('assets.mode') || 'grid' };
  const filters = { q: ctx.query.get('q') || '', kind: ctx.query.get('kind') || '', collection: collectionId || ctx.query.get('collection') || '' };
  // A saved search's assets (it filters by attributes too) until a filter is changed here.
  let searchId = collectionId ? null : ctx.query.get('search');
  const refine = (change) => { searchId = null; setQuery({ ...change, search: null }); load(); };
  let items = [];
  let next = null;
  const selected = new Set();
  let anchor = null;
  const writable = can('assets:write');

  let collection = null;
  if (collectionId) collection = await get(`/collections/${collectionId}`);

  // ----- header -----
  const title = collection ? collection.name : t('nav-assets');
  const headActions = [];
  if (collection) {
    headActions.push(
      h('button', { class: 'btn', onclick: () => renameCollection(collection) }, icon('edit'), t('rename')),
      can('shares:write') ? h('button', { class: 'btn', onclick: () => openShareDialog({ collection }) }, icon('share'), t('collection-share')) : null,
      requestButton(collection),
      h('button', { class: 'btn danger', onclick: () => deleteCollection(collection) }, icon('trash'), t('delete')));
  }
  if (writable) headActions.push(...uploadButton());
  const head = h('div', { class: 'page-head' },
    h('div', { class: 'titles' },
      collection ? h('div', { class: 'crumbs' }, h('a', { href: '#/collections' }, t('nav-collections')), ' / ') : null,
      h('h1', null, title),
      h('p', { class: 'muted', id: 'count' }, '')),
    headActions);

  // ----- toolbar -----
  const search = h('input', { type: 'search', placeholder: t('assets-search'), 'aria-label': t('assets-search-label'), value: filters.q });
  search.addEventListener('input', debounce(() => { filters.q = search.value.trim(); refine({ q: filters.q }); }, 250));
  const kind = h('select', { 'aria-label': t('assets-kind'), onchange: () => { filters.kind = kind.value; refine({ kind: filters.kind }); } },
    h('option', { value: '' }, t('assets-all-kinds')), kinds().map(([k, l]) => h('option', { value: k, selected: filters.kind === k }, l)));
  const collSelect = collectionId ? null : h('select', { 'aria-label': t('assets-collection'), onchange: () => { filters.collection = collSelect.value; refine({ collection: filters.collection }); } },
    h('option', { value: '' }, t('assets-all-collections')), state.collections.map((c) => h('option', { value: c.id, selected: filters.collection === c.id }, c.name)));
  const modeBtn = (mode, iconName, label) => h('button', { class: 'btn icon-only', 'aria-label': label, title: label, 'aria-pressed': String(view.mode === mode), dataset: { mode },
    onclick: () => { view.mode = mode; localStorage.setItem('assets.mode', mode); for (const b of modes.children) b.setAttribute('aria-pressed', String(b.dataset.mode === mode)); render(); } }, icon(iconName));
  const modes = h('div', { class: 'row', role: 'group', 'aria-label': t('assets-view') }, modeBtn('grid', 'grid', t('assets-grid-view')), modeBtn('list', 'list', t('assets-list-view')));
  const selectVisible = h('button', { class: 'btn ghost', id: 'select-visible', onclick: () => { for (const a of items) selected.add(a.id); refreshSelection(); } }, icon('check'), t('assets-select-visible'));
  const toolbar = h('div', { class: 'toolbar' },
    h('div', { class: 'search' }, icon('search'), search), kind, collSelect, h('span', { class: 'grow' }), collectionId ? null : saveSearchButton(filters), selectVisible, modes);

  // ----- selection bar -----
  const selCount = h('strong', { id: 'selection-count' });
  const selBar = h('div', { class: 'selection-bar', hidden: true, role: 'region', 'aria-label': t('assets-selection') },
    selCount, h('span', { class: 'grow' }),
    can('shares:write') ? h('button', { class: 'btn primary', id: 'share-selection', onclick: () => openShareDialog({ assets: items.filter((a) => selected.has(a.id)) }) }, icon('share'), t('assets-share')) : null,
    writable ? h('button', { class: 'btn', onclick: () => addToCollection([...selected]) }, icon('folder'), t('assets-add-to-collection')) : null,
    moveToDomainButton(() => [...selected], () => { selected.clear(); load(); }),
    collection && writable ? h('button', { class: 'btn', onclick: () => removeFromCollection() }, icon('minus'), t('assets-remove-from-collection')) : null,
    writable ? h('button', { class: 'btn', onclick: () => deleteSelected() }, icon('trash'), t('assets-delete')) : null,
    h('button', { class: 'btn icon-only', 'aria-label': t('assets-clear-selection'), title: t('assets-clear-selection'), onclick: () => { selected.clear(); refreshSelection(); } }, icon('x')));

  const body = h('div', { class: 'page-body' });
  const more = h('div', { class: 'more' });
  root.append(head, toolbar, selBar, body, more);
  if (writable) dropTarget(root);

  const stop = onUploaded((asset) => {
    if (!root.isConnected) { stop(); return; }
    if (collection && asset) {
      post(`/collections/${collection.id}/assets`, { assetIds: [asset.id] }).then(refreshCollections).catch(() => {});
    }
    if (asset && !items.some((a) => a.id === asset.id)) { items.unshift(asset); render(); schedulePoll(); }
  });

  function refreshSelection() {
    const n = selected.size;
    selBar.hidden = n === 0;
    selCount.textContent = t('assets-selected', { count: n });
    body.classList.toggle('selecting', n > 0);
    for (const el of body.querySelectorAll('[data-id]')) {
      const on = selected.has(el.dataset.id);
      el.classList.toggle('selected', on);
      el.setAttribute('aria-selected', String(on));
      const box = el.querySelector('input[type=checkbox]');
      if (box) box.checked = on;
    }
  }

  function toggle(asset, e) {
    const index = items.indexOf(asset);
    if (e && e.shiftKey && anchor !== null) {
      const [from, to] = [Math.min(anchor, index), Math.max(anchor, index)];
      for (let i = from; i <= to; i++) selected.add(items[i].id);
    } else if (selected.has(asset.id)) {
      selected.delete(asset.id);
      anchor = index;
    } else {
      selected.add(asset.id);
      anchor = index;
    }
    refreshSelection();
  }

  function activate(asset, e) {
    if (e.shiftKey || e.metaKey || e.ctrlKey || selected.size > 0) toggle(asset, e);
    else go(`/assets/${asset.id}`);
  }

  function tile(asset) {
    const sub = [kindLabel(asset.kind), bytes(asset.size)].join(' · ');
    const el = h('li', { class: 'tile', tabindex: '0', role: 'option', 'aria-selected': 'false', 'aria-label': asset.name, dataset: { id: asset.id },
      onclick: (e) => activate(asset, e),
      onkeydown: (e) => {
        if (e.key === 'Enter') { e.preventDefault(); go(`/assets/${asset.id}`); }
        if (e.key === ' ') { e.preventDefault(); toggle(asset, e); }
      } },
    h('span', { class: 'pick', role: 'checkbox', 'aria-label': t('asset-select', { name: asset.name }), 'aria-checked': 'false',
      onclick: (e) => { e.stopPropagation(); toggle(asset, e); } }, icon('check')),
    asset.status !== 'available' ? h('span', { class: 'state' }, badge(asset.status)) : null,
    h('div', { class: 'thumb' }, assetThumb(asset, true)),
    h('div', { class: 'info' }, h('div', { class: 'name ellipsis', title: asset.name }, asset.name), h('div', { class: 'sub' }, sub)));
    return el;
  }

  function row(asset) {
    const box = h('input', { type: 'checkbox', 'aria-label': t('asset-select', { name: asset.name }), onclick: (e) => { e.stopPropagation(); toggle(asset, e); } });
    return h('tr', { class: 'clickable', dataset: { id: asset.id }, onclick: (e) => activate(asset, e) },
      h('td', null, box),
      h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'mini-thumb' }, assetThumb(asset)),
        h('a', { href: `#/assets/${asset.id}`, class: 'ellipsis', onclick: (e) => e.stopPropagation() }, asset.name))),
      h('td', null, kindLabel(asset.kind)),
      h('td', { class: 'num' }, bytes(asset.size)),
      h('td', null, badge(asset.status)),
      h('td', { class: 'nowrap' }, date(asset.createdAt)));
  }

  function render() {
    clear(body);
    if (!items.length) {
      const filtered = filters.q || filters.kind || (filters.collection && !collectionId);
      body.append(h('div', { class: 'empty' }, icon(filtered ? 'search' : 'upload', 'big'),
        h('h2', null, filtered ? t('assets-no-match') : collection ? t('assets-empty-collection') : t('assets-none')),
        h('p', null, filtered ? t('assets-no-match-hint') : collection ? t('assets-empty-collection-hint') : writable ? t('assets-none-hint') : t('assets-none-yet')),
        !filtered && writable ? uploadButton(t('assets-choose-files')) : null));
    } else if (view.mode === 'grid') {
      body.append(h('ul', { class: 'asset-grid', id: 'asset-grid', role: 'listbox', 'aria-multiselectable': 'true', 'aria-label': t('nav-assets') }, items.map(tile)));
    } else {
      body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'asset-list' },
        h('thead', null, h('tr', null, h('th', null, h('span', { class: 'sr-only' }, t('assets-col-selected'))), h('th', null, t('assets-col-name')), h('th', null, t('assets-kind')), h('th', { class: 'num' }, t('assets-col-size')), h('th', null, t('assets-col-status')), h('th', null, t('assets-col-added')))),
        h('tbody', null, items.map(row)))));
    }
    root.querySelector('#count').textContent = items.length ? `${t('n-assets', { count: items.length })}${next ? '+' : ''}` : '';
    clear(more);
    if (next) more.append(h('button', { class: 'btn', onclick: () => load(true) }, t('assets-load-more')));
    refreshSelection();
  }

  async function load(append) {
    const q = query({ q: filters.q, kind: filters.kind, collection: filters.collection, domain: currentDomain(), cursor: append ? next : null, limit: 60 });
    const page = await get(searchId ? `/searches/${searchId}/assets${query({ domain: currentDomain() })}` : `/assets${q}`);
    items = append ? items.concat(page.items) : page.items;
    if (!append) { for (const id of [...selected]) if (!items.some((a) => a.id === id)) selected.delete(id); }
    next = page.nextCursor;
    render();
    schedulePoll();
  }

  // Thumbnails are made in the background: look again while some are pending.
  let polling = false;
  let polls = 0;
  function schedulePoll() {
    if (polling) return;
    const pending = () => items.filter((a) => a.derivatives?.thumbnail?.state === 'pending');
    if (!pending().length) return;
    polling = true;
    setTimeout(async function tick() {
      if (!root.isConnected || polls++ > 60) { polling = false; return; }
      let changed = false;
      for (const a of pending().slice(0, 20)) {
        try {
          const fresh = await get(`/assets/${a.id}`);
          if (fresh.derivatives?.thumbnail?.state !== 'pending') {
            items[items.indexOf(a)] = fresh;
            changed = true;
          }
        } catch { /* gone */ }
      }
      if (changed) render();
      if (pending().length) setTimeout(tick, 2500); else polling = false;
    }, 2500);
  }

  async function addToCollection(ids) {
    await collectionPicker(ids);
  }

  async function removeFromCollection() {
    for (const id of selected) await del(`/collections/${collection.id}/assets/${id}`);
    toast(t('collection-removed-assets', { count: selected.size, name: collection.name }));
    selected.clear();
    refreshCollections();
    load();
  }

  async function deleteSelected() {
    const n = selected.size;
    if (!await confirmDialog({ title: t('assets-delete-title', { count: n }), message: t('assets-delete-message') })) return;
    let failed = 0;
    for (const id of [...selected]) {
      try { await del(`/assets/${id}`); selected.delete(id); } catch { failed++; }
    }
    toast(failed ? t('assets-delete-failed', { count: failed }) : t('assets-deleted', { count: n }), failed ? 'bad' : undefined);
    load();
  }

  await load();
}

/** Asks for a collection (or a new one) and adds `ids` to it. */
export function collectionPicker(ids) {
  return new Promise((resolve) => {
    const name = h('input', { type: 'text', placeholder: t('collection-new-name') });
    const choice = h('select', null, h('option', { value: '' }, t('collection-new-choice')), state.collections.map((c) => h('option', { value: c.id }, c.name)));
    const error = h('p', { class: 'error-text', hidden: true });
    if (state.collections.length) choice.value = state.collections[0].id;
    const sync = () => { name.parentElement.hidden = choice.value !== ''; };
    choice.addEventListener('change', sync);
    const { dialog } = modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
      e.preventDefault();
      try {
        let target;
        if (choice.value) target = await post(`/collections/${choice.value}/assets`, { assetIds: ids });
        else {
          if (!name.value.trim()) { error.textContent = t('collection-name-needed'); error.hidden = false; return; }
          target = await post('/collections', { name: name.value.trim(), assetIds: ids });
        }
        toast(t('collection-added-to', { name: target.name }));
        refreshCollections();
        close('ok');
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    } },
    h('div', { class: 'dlg-head' }, h('h2', null, t('collection-add-title', { count: ids.length }))),
    h('div', { class: 'dlg-body' }, field(t('assets-collection'), choice), h('div', { hidden: !!state.collections.length }, field(t('name'), name)), error),
    h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('add')))), 'narrow');
    sync();
    dialog.addEventListener('close', resolve);
  });
}

export function renameCollection(collection) {
  const name = h('input', { type: 'text', value: collection.name, required: true });
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await patch(`/collections/${collection.id}`, { name: name.value.trim() });
      close();
      refreshCollections();
      go(`/collections/${collection.id}`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('collection-rename'))),
  h('div', { class: 'dlg-body' }, field(t('name'), name), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('save')))), 'narrow');
}

async function deleteCollection(collection) {
  if (!await confirmDialog({ title: t('delete-named', { name: collection.name }), message: t('collection-delete-message') })) return;
  try {
    await del(`/collections/${collection.id}`);
    toast(t('collection-deleted'));
    refreshCollections();
    go('/collections');
  } catch (e) { toast(e.message, 'bad'); }
}

export { upload, ApiError };
