// Saved searches: name the search of the assets page, list them, run and share them. A link
// made from a saved search follows it: assets that match later appear on the link.
import { h, icon, modal, field, date, toast, confirmDialog, KINDS } from './dom.js';
import { get, post, del, can } from './api.js';
import { go } from './app.js';
import { openShareDialog } from './share-dialog.js';

/** The assets page's address for a search. */
function searchHref(s) {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.kind) params.set('kind', s.kind);
  if (s.collectionId) params.set('collection', s.collectionId);
  return `#/assets${params.toString() ? `?${params}` : ''}`;
}

function describe(s) {
  const parts = [];
  if (s.q) parts.push(`“${s.q}”`);
  if (s.kind) parts.push(KINDS.find(([k]) => k === s.kind)?.[1] || s.kind);
  if (s.collectionId) parts.push('in a collection');
  for (const [k, v] of Object.entries(s.attributes || {})) parts.push(v ? `${k} = ${v}` : `has ${k}`);
  return parts.join(' · ') || 'All assets';
}

/** "Save search" for the filters of the assets page ({q, kind, collection}). */
export function saveSearchButton(filters) {
  return h('button', { class: 'btn', id: 'save-search', onclick: () => {
    const name = h('input', { type: 'text', required: true, maxlength: 200, id: 'search-name', value: filters.q || '' });
    const error = h('p', { class: 'error-text', hidden: true });
    modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
      e.preventDefault();
      const body = { name: name.value.trim(), q: filters.q || undefined, kind: filters.kind || undefined, collectionId: filters.collection || undefined };
      try {
        await post('/searches', body);
        close();
        toast('Search saved');
        go('/searches');
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    } },
    h('div', { class: 'dlg-head' }, h('h2', null, 'Save search')),
    h('div', { class: 'dlg-body' }, field('Name', name, 'Share it later: the link follows the search as assets come and go.'), error),
    h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn primary' }, 'Save'))), 'narrow');
  } }, icon('search'), 'Save search');
}

export async function searchesView(ctx, root) {
  const list = (await get('/searches')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, 'Saved searches'), h('p', { class: 'muted' }, 'Share a search and the link shows what it finds at each visit.'))));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  if (!list.length) {
    body.append(h('div', { class: 'empty' }, icon('search', 'big'), h('h2', null, 'No saved searches yet'),
      h('p', null, 'Search the assets, then choose “Save search”.')));
    return;
  }
  const rows = h('div', { class: 'stack', id: 'search-list' });
  body.append(rows);
  for (const s of list) {
    const row = h('div', { class: 'panel' }, h('div', { class: 'body row' },
      h('div', { class: 'grow' }, h('a', { href: searchHref(s) }, h('strong', null, s.name)), h('div', { class: 'muted small' }, `${describe(s)} · saved ${date(s.createdAt)}`)),
      can('shares:write') ? h('button', { class: 'btn primary', dataset: { share: s.id }, onclick: () => openShareDialog({ search: s }) }, icon('share'), 'Share') : null,
      can('assets:write') ? h('button', { class: 'btn icon-only', 'aria-label': `Delete ${s.name}`, onclick: async () => {
        if (!await confirmDialog({ title: `Delete “${s.name}”?`, message: 'Links made from it stop showing anything.' })) return;
        try { await del(`/searches/${s.id}`); row.remove(); } catch (e) { toast(e.message, 'bad'); }
      } }, icon('trash')) : null));
    rows.append(row);
  }
}
