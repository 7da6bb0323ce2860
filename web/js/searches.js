// Saved searches: name the search of the assets page, list them, run and share them. A link
// made from a saved search follows it: assets that match later appear on the link.
import { h, icon, modal, field, date, toast, confirmDialog } from './dom.js';
import { get, post, del, can } from './api.js';
import { go } from './app.js';
import { openShareDialog } from './share-dialog.js';
import { t } from './i18n.js';

/** The assets page's address for a search. */
function searchHref(s) {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.kind) params.set('kind', s.kind);
  if (s.collectionId) params.set('collection', s.collectionId);
  // Attributes have no filter on the assets page: the page then asks the search itself.
  if (Object.keys(s.attributes || {}).length) params.set('search', s.id);
  return `#/assets${params.toString() ? `?${params}` : ''}`;
}

function describe(s) {
  const parts = [];
  if (s.q) parts.push(`“${s.q}”`);
  if (s.kind) parts.push(t('kinds', { kind: s.kind }));
  if (s.collectionId) parts.push(t('search-in-collection'));
  for (const [k, v] of Object.entries(s.attributes || {})) parts.push(v ? `${k} = ${v}` : t('search-has', { key: k }));
  return parts.join(' · ') || t('search-all-assets');
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
        toast(t('search-saved'));
        go('/searches');
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    } },
    h('div', { class: 'dlg-head' }, h('h2', null, t('search-save'))),
    h('div', { class: 'dlg-body' }, field(t('name'), name, t('search-save-hint')), error),
    h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('save')))), 'narrow');
  } }, icon('search'), t('search-save'));
}

export async function searchesView(ctx, root) {
  const list = (await get('/searches')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-searches')), h('p', { class: 'muted' }, t('searches-intro')))));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  if (!list.length) {
    body.append(h('div', { class: 'empty' }, icon('search', 'big'), h('h2', null, t('searches-none')),
      h('p', null, t('searches-none-hint'))));
    return;
  }
  const rows = h('div', { class: 'stack', id: 'search-list' });
  body.append(rows);
  for (const s of list) {
    const row = h('div', { class: 'panel' }, h('div', { class: 'body row' },
      h('div', { class: 'grow' }, h('a', { href: searchHref(s) }, h('strong', null, s.name)), h('div', { class: 'muted small' }, t('search-described', { what: describe(s), date: date(s.createdAt) }))),
      can('shares:write') ? h('button', { class: 'btn primary', dataset: { share: s.id }, onclick: () => openShareDialog({ search: s }) }, icon('share'), t('share')) : null,
      can('assets:write') ? h('button', { class: 'btn icon-only', 'aria-label': t('delete-search', { name: s.name }), onclick: async () => {
        if (!await confirmDialog({ title: t('delete-named', { name: s.name }), message: t('search-delete-message') })) return;
        try { await del(`/searches/${s.id}`); row.remove(); } catch (e) { toast(e.message, 'bad'); }
      } }, icon('trash')) : null));
    rows.append(row);
  }
}
