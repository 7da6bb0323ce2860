// Domains (SPEC §10): the switcher for those who see more than one domain (it narrows the
// asset listings and is where uploads go), the admin page (make, rename, delete, members) and
// the asset page's domain picker and the selection's "Move to domain" for admins. With one
// domain none of it shows but the admin page.
import { h, icon, toast, modal, field, confirmDialog } from './dom.js';
import { t } from './i18n.js';
import { get, post, patch, del, isAdmin } from './api.js';
import { go } from './app.js';

/** The domains the signed-in member sees, and the one chosen in the switcher ('' = all). */
export const domains = { list: [], current: '' };
const STORED = 'handoff.domain';

export async function loadDomains() {
  try { domains.list = (await get('/me/domains')).items; } catch { domains.list = []; }
  let stored = '';
  try { stored = localStorage.getItem(STORED) || ''; } catch { /* private mode */ }
  domains.current = domains.list.some((d) => d.id === stored) ? stored : '';
}

/** The `domain` query value of asset listings and uploads: the chosen domain, if any. */
export const currentDomain = () => domains.current || null;

/** The switcher, or nothing when there is one domain to see. `onChange` redraws the page. */
export function domainSwitcher(onChange) {
  if (domains.list.length < 2) return null;
  const select = h('select', {
    id: 'domain-switcher', 'aria-label': t('domain'),
    onchange: () => {
      domains.current = select.value;
      try { localStorage.setItem(STORED, select.value); } catch { /* private mode */ }
      onChange();
    },
  }, h('option', { value: '' }, t('domain-all')),
  domains.list.map((d) => h('option', { value: d.id, selected: d.id === domains.current }, d.name)));
  return h('div', { class: 'domain-switcher' }, h('label', { class: 'nav-section', for: 'domain-switcher' }, t('domain')), select);
}

/** For admins on an asset's page, when there is more than one domain: move it to another. */
export function domainPicker(asset) {
  if (!isAdmin() || domains.list.length < 2) return null;
  const select = h('select', {
    id: 'asset-domain', 'aria-label': t('domain'),
    onchange: async () => {
      try {
        await patch(`/assets/${asset.id}`, { domain: select.value });
        asset.domain = select.value;
        toast(t('domain-moved', { name: select.selectedOptions[0].textContent }));
      } catch (e) { toast(e.message, 'bad'); select.value = asset.domain; }
    },
  }, domains.list.map((d) => h('option', { value: d.id, selected: d.id === asset.domain }, d.name)));
  return h('section', { class: 'panel', id: 'domain-panel' }, h('header', null, h('h2', null, t('domain'))), h('div', { class: 'body' }, select));
}

/** For admins, when there is more than one domain: moves the selected assets (`ids()`). */
export function moveToDomainButton(ids, onMoved) {
  if (!isAdmin() || domains.list.length < 2) return null;
  return h('button', { class: 'btn', id: 'move-to-domain', onclick: () => moveDialog(ids(), onMoved) }, icon('folder'), t('domain-move-selection'));
}

function moveDialog(ids, onMoved) {
  const choice = h('select', { id: 'move-domain' }, domains.list.map((d) => h('option', { value: d.id, selected: d.id === domains.current }, d.name)));
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const { moved } = await post(`/domains/${choice.value}/assets`, { assetIds: ids });
      toast(t('domain-moved-assets', { count: moved, name: choice.selectedOptions[0].textContent }));
      close();
      onMoved();
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('domain-move-title', { count: ids.length }))),
  h('div', { class: 'dlg-body' }, field(t('domain'), choice), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('domain-move')))), 'narrow');
}

/** Admin: the domains with their counts, and who belongs to which. */
export async function domainsView(ctx, root) {
  const [list, users] = await Promise.all([get('/domains'), get('/users')]);
  const all = list.items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-domains')),
      h('p', { class: 'muted' }, t('domains-intro'))),
    h('button', { class: 'btn primary', id: 'new-domain', onclick: () => nameDialog(t('domain-new'), '', (name) => post('/domains', { name })) }, icon('plus'), t('domain-new'))));
  const rows = all.map((d) => h('tr', { dataset: { id: d.id } },
    h('td', null, h('strong', null, d.name)),
    h('td', { class: 'nowrap' }, t('n-assets', { count: d.assetCount })),
    h('td', { class: 'nowrap' }, t('n-members', { count: d.memberCount })),
    h('td', { class: 'nowrap' },
      h('button', { class: 'btn small', onclick: () => nameDialog(t('domain-rename'), d.name, (name) => patch(`/domains/${d.id}`, { name })) }, icon('edit'), t('rename')), ' ',
      all.length > 1 ? h('button', { class: 'btn small danger', onclick: () => deleteDomain(d) }, icon('trash'), t('delete')) : null)));
  const members = users.items.map((u) => h('tr', { dataset: { user: u.id } },
    h('td', null, h('strong', { class: 'ellipsis' }, u.displayName || u.email), h('div', { class: 'muted small ellipsis' }, u.email)),
    all.map((d) => h('td', null, membershipBox(u, d)))));
  root.append(h('div', { class: 'page-body stack' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'domains' },
      h('thead', null, h('tr', null, h('th', null, t('domain')), h('th', null, t('nav-assets')), h('th', null, t('domain-members')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
      h('tbody', null, rows))),
    h('h2', null, t('domain-members')),
    h('p', { class: 'muted' }, t('domain-move-hint')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'domain-members' },
      h('thead', null, h('tr', null, h('th', null, t('user')), all.map((d) => h('th', null, d.name)))),
      h('tbody', null, members)))));
}

function membershipBox(user, domain) {
  const box = h('input', {
    type: 'checkbox', checked: user.domains.includes(domain.id), 'aria-label': t('domain-member-of', { email: user.email, domain: domain.name }),
    onchange: async () => {
      const wanted = box.checked ? [...user.domains, domain.id] : user.domains.filter((id) => id !== domain.id);
      try {
        user.domains = (await patch(`/users/${user.id}`, { domains: wanted })).domains;
        toast(t('domain-member-count', { email: user.email, count: user.domains.length }));
      } catch (e) { toast(e.message, 'bad'); box.checked = !box.checked; }
    },
  });
  return box;
}

function nameDialog(title, name, save) {
  const input = h('input', { type: 'text', required: true, maxlength: 200, value: name, id: 'domain-name' });
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await save(input.value.trim());
      close();
      await loadDomains();
      go('/admin/domains');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, title)),
  h('div', { class: 'dlg-body' }, field(t('name'), input), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('save')))), 'narrow');
}

async function deleteDomain(domain) {
  const sure = await confirmDialog({ title: t('delete-named', { name: domain.name }), message: t('domain-delete-hint') });
  if (!sure) return;
  try {
    await del(`/domains/${domain.id}`);
    await loadDomains();
    go('/admin/domains');
  } catch (e) { toast(e.message, 'bad'); }
}
