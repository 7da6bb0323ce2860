// Collections: the list, and creating one. A collection's own page is the assets view.
import { h, icon, modal, field, date, toast } from './dom.js';
import { t } from './i18n.js';
import { get, post, can, thumbUrl, ready } from './api.js';
import { go, refreshCollections } from './app.js';
import { requestButton } from './requests.js';

export async function collectionsView(ctx, root) {
  const list = (await get('/collections')).items;
  const writable = can('assets:write');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-collections')), h('p', { class: 'muted' }, t('collections-intro'))),
    requestButton(),
    writable ? h('button', { class: 'btn primary', id: 'new-collection', onclick: () => newCollection() }, icon('plus'), t('collection-new')) : null));
  const body = h('div', { class: 'page-body' });
  root.append(body);
  if (!list.length) {
    body.append(h('div', { class: 'empty' }, icon('folder', 'big'), h('h2', null, t('collections-none')),
      h('p', null, t('collections-none-hint')),
      writable ? h('button', { class: 'btn primary', onclick: () => newCollection() }, icon('plus'), t('collection-new')) : null));
    return;
  }
  // A few thumbnails per card: fetch the first assets of each collection.
  const cards = h('div', { class: 'cards' });
  body.append(cards);
  for (const c of list) {
    const cells = [0, 1, 2, 3].map(() => h('div'));
    cards.append(h('a', { class: 'coll-card', href: `#/collections/${c.id}` },
      h('div', { class: 'mosaic', 'aria-hidden': 'true' }, cells),
      h('div', { class: 'info' }, h('strong', { class: 'ellipsis' }, c.name), h('div', { class: 'muted small' }, t('collection-card', { count: c.assetIds.length, date: date(c.createdAt) })))));
    c.assetIds.slice(0, 4).forEach(async (id, i) => {
      try {
        const a = await get(`/assets/${id}`);
        cells[i].append(ready(a, 'thumbnail') ? h('img', { src: thumbUrl(a), alt: '', loading: 'lazy' }) : icon(a.kind));
      } catch { /* deleted */ }
    });
  }
}

export function newCollection(assetIds = []) {
  const name = h('input', { type: 'text', required: true, placeholder: t('collection-name-example') });
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const c = await post('/collections', { name: name.value.trim(), assetIds });
      close();
      toast(t('collection-created'));
      await refreshCollections();
      go(`/collections/${c.id}`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('collection-new'))),
  h('div', { class: 'dlg-body' }, field(t('name'), name), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('create')))), 'narrow');
}
