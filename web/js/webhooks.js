// Webhooks: where events are POSTed, what became of each delivery, and a test event on demand.
import { h, icon, dateTime, toast, modal, field, copy, confirmDialog, clear } from './dom.js';
import { get, post, del } from './api.js';
import { go } from './app.js';
import { t } from './i18n.js';

const EVENTS = ['share.created', 'share.opened', 'share.downloaded', 'share.expired', 'share.used_up', 'asset.ready'];

export async function webhooksView(ctx, root) {
  const hooks = (await get('/webhooks')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-webhooks')), h('p', { class: 'muted' }, t('webhooks-intro'))),
    h('button', { class: 'btn primary', id: 'new-webhook', onclick: () => newWebhook() }, icon('plus'), t('webhooks-new'))));
  const deliveries = h('section', { class: 'panel', id: 'deliveries', hidden: true });
  const rows = hooks.map((hook) => h('tr', { dataset: { id: hook.id } },
    h('td', { class: 'mono ellipsis' }, hook.url),
    h('td', null, hook.events.join(', ')),
    h('td', null, hook.enabled ? t('on') : t('off')),
    h('td', { class: 'nowrap' },
      h('button', { class: 'btn small', dataset: { action: 'deliveries' }, onclick: () => showDeliveries(hook, deliveries) }, icon('activity'), t('webhooks-deliveries')), ' ',
      h('button', { class: 'btn small', dataset: { action: 'test' }, onclick: () => sendTest(hook, deliveries) }, icon('send'), t('webhooks-send-test')), ' ',
      h('button', { class: 'btn small danger', dataset: { action: 'delete' }, onclick: () => remove(hook) }, icon('trash'), t('delete')))));
  root.append(h('div', { class: 'page-body stack' },
    hooks.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'webhooks' },
      h('thead', null, h('tr', null, h('th', null, t('webhooks-url')), h('th', null, t('webhooks-events')), h('th', null, t('webhooks-enabled')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
      h('tbody', null, rows))) : h('p', { class: 'muted', id: 'no-webhooks' }, t('webhooks-none')),
    deliveries));
}

async function showDeliveries(hook, panel) {
  const items = (await get(`/webhooks/${hook.id}/deliveries`)).items;
  clear(panel);
  panel.hidden = false;
  panel.append(h('header', null, h('h2', null, t('webhooks-deliveries-to', { url: hook.url })),
    h('button', { class: 'btn small', id: 'refresh-deliveries', onclick: () => showDeliveries(hook, panel) }, icon('refresh'), t('webhooks-refresh'))),
  h('div', { class: 'body' }, items.length ? h('table', { class: 'table' },
    h('thead', null, h('tr', null, h('th', null, t('activity-event')), h('th', null, t('webhooks-made')), h('th', null, t('status-field')), h('th', null, t('webhooks-tries')), h('th', null, t('webhooks-last-answer')))),
    h('tbody', null, items.map((d) => h('tr', { dataset: { status: d.status } },
      h('td', null, d.type), h('td', { class: 'nowrap' }, dateTime(d.createdAt)),
      h('td', null, t('delivery-status', { status: d.status })), h('td', null, String(d.attempts)),
      h('td', { class: 'small' }, d.lastError || (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')))))) : h('p', { class: 'muted' }, t('webhooks-nothing-sent'))));
}

async function sendTest(hook, panel) {
  try {
    await post(`/webhooks/${hook.id}/test`);
    toast(t('webhooks-test-queued'));
    await showDeliveries(hook, panel);
  } catch (e) { toast(e.message, 'bad'); }
}

async function remove(hook) {
  if (!await confirmDialog({ title: t('webhooks-delete-title'), message: t('webhooks-delete-message', { url: hook.url }) })) return;
  try { await del(`/webhooks/${hook.id}`); go('/admin/webhooks'); } catch (e) { toast(e.message, 'bad'); }
}

function newWebhook() {
  const url = h('input', { type: 'url', required: true, placeholder: 'https://example.com/hooks/handoff', id: 'webhook-url' });
  const box = (name) => h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: name === 'share.downloaded', dataset: { event: name } }), name);
  const events = h('div', { class: 'checks', id: 'webhook-events' }, EVENTS.map(box));
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    const chosen = [...events.querySelectorAll('[data-event]')].filter((b) => b.checked).map((b) => b.dataset.event);
    try {
      const made = await post('/webhooks', { url: url.value.trim(), events: chosen });
      await copy(made.secret, t('webhooks-secret'));
      close();
      go('/admin/webhooks');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('webhooks-new'))),
  h('div', { class: 'dlg-body' }, field(t('webhooks-url'), url), h('fieldset', null, h('legend', null, t('webhooks-events')), events),
    h('p', { class: 'hint' }, t('webhooks-secret-hint')), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('webhooks-create')))), 'narrow');
}
