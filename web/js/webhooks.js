// Webhooks: where events are POSTed, what became of each delivery, and a test event on demand.
import { h, icon, dateTime, toast, modal, field, copy, confirmDialog, clear } from './dom.js';
import { get, post, del } from './api.js';
import { go } from './app.js';

const EVENTS = ['share.created', 'share.opened', 'share.downloaded', 'share.expired', 'share.used_up', 'asset.ready'];
const DELIVERY_LABEL = { pending: 'Waiting to be sent again', delivered: 'Delivered', failed: 'Failed' };

export async function webhooksView(ctx, root) {
  const hooks = (await get('/webhooks')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, 'Webhooks'), h('p', { class: 'muted' }, 'Events POSTed as signed JSON (header Handoff-Signature) to other systems; a failed delivery is tried again, waiting longer each time (8 tries).')),
    h('button', { class: 'btn primary', id: 'new-webhook', onclick: () => newWebhook() }, icon('plus'), 'New webhook')));
  const deliveries = h('section', { class: 'panel', id: 'deliveries', hidden: true });
  const rows = hooks.map((hook) => h('tr', { dataset: { id: hook.id } },
    h('td', { class: 'mono ellipsis' }, hook.url),
    h('td', null, hook.events.join(', ')),
    h('td', null, hook.enabled ? 'On' : 'Off'),
    h('td', { class: 'nowrap' },
      h('button', { class: 'btn small', dataset: { action: 'deliveries' }, onclick: () => showDeliveries(hook, deliveries) }, icon('activity'), 'Deliveries'), ' ',
      h('button', { class: 'btn small', dataset: { action: 'test' }, onclick: () => sendTest(hook, deliveries) }, icon('send'), 'Send test event'), ' ',
      h('button', { class: 'btn small danger', dataset: { action: 'delete' }, onclick: () => remove(hook) }, icon('trash'), 'Delete'))));
  root.append(h('div', { class: 'page-body stack' },
    hooks.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'webhooks' },
      h('thead', null, h('tr', null, h('th', null, 'URL'), h('th', null, 'Events'), h('th', null, 'Enabled'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', null, rows))) : h('p', { class: 'muted', id: 'no-webhooks' }, 'No webhooks yet.'),
    deliveries));
}

async function showDeliveries(hook, panel) {
  const items = (await get(`/webhooks/${hook.id}/deliveries`)).items;
  clear(panel);
  panel.hidden = false;
  panel.append(h('header', null, h('h2', null, `Deliveries to ${hook.url}`),
    h('button', { class: 'btn small', id: 'refresh-deliveries', onclick: () => showDeliveries(hook, panel) }, icon('refresh'), 'Refresh')),
  h('div', { class: 'body' }, items.length ? h('table', { class: 'table' },
    h('thead', null, h('tr', null, h('th', null, 'Event'), h('th', null, 'Made'), h('th', null, 'Status'), h('th', null, 'Tries'), h('th', null, 'Last answer'))),
    h('tbody', null, items.map((d) => h('tr', { dataset: { status: d.status } },
      h('td', null, d.type), h('td', { class: 'nowrap' }, dateTime(d.createdAt)),
      h('td', null, DELIVERY_LABEL[d.status] || d.status), h('td', null, String(d.attempts)),
      h('td', { class: 'small' }, d.lastError || (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')))))) : h('p', { class: 'muted' }, 'Nothing sent yet.')));
}

async function sendTest(hook, panel) {
  try {
    await post(`/webhooks/${hook.id}/test`);
    toast('Test event queued');
    await showDeliveries(hook, panel);
  } catch (e) { toast(e.message, 'bad'); }
}

async function remove(hook) {
  if (!await confirmDialog({ title: 'Delete this webhook?', message: `No more events go to ${hook.url}.` })) return;
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
      await copy(made.secret, 'Signing secret');
      close();
      go('/admin/webhooks');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, 'New webhook')),
  h('div', { class: 'dlg-body' }, field('URL', url), h('fieldset', null, h('legend', null, 'Events'), events),
    h('p', { class: 'hint' }, 'The signing secret is copied when you create it; it is not shown again.'), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn primary' }, 'Create webhook'))), 'narrow');
}
