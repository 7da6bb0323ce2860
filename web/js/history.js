// An asset's attribute history: who changed which field, when, from what to what.
import { h, dateTime } from './dom.js';
import { get } from './api.js';
import { t } from './i18n.js';

function describe(change) {
  const what = change.field === 'attributes' ? `“${change.attribute}”` : t('history-field', { field: change.field });
  const before = change.before ?? '—';
  const after = change.after ?? '—';
  return `${what}: ${before} → ${after}`;
}

/** The panel, filled once the history arrives. */
export function historyPanel(assetId) {
  const list = h('ol', { class: 'history-list stack tight', id: 'asset-history' });
  const panel = h('section', { class: 'panel' },
    h('header', null, h('h2', null, t('history'))),
    h('div', { class: 'body' }, list));
  get(`/assets/${assetId}/history`).then(({ items }) => {
    if (!items.length) list.append(h('li', { class: 'muted' }, t('history-none')));
    for (const change of items) {
      list.append(h('li', { class: 'history-item' },
        h('div', null, describe(change)),
        h('div', { class: 'small muted' }, `${change.byEmail} · ${dateTime(change.at)}`)));
    }
  }).catch(() => list.append(h('li', { class: 'muted' }, t('history-unreadable'))));
  return panel;
}
