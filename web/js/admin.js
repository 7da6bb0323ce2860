// Admin: users (create, role, delete with transfer of their shares) and the sharing policy.
import { h, icon, date, toast, modal, field, copy, initials } from './dom.js';
import { get, post, patch, del, query, session, policy as loadPolicy } from './api.js';
import { durationLabel, generatePassword, DEFAULT_SHOWN } from './share-dialog.js';
import { go } from './app.js';
import { t } from './i18n.js';

const ROLES = ['viewer', 'editor', 'admin'];

export async function usersView(ctx, root) {
  const users = (await get('/users')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-users')), h('p', { class: 'muted' }, t('users-intro'))),
    h('button', { class: 'btn primary', id: 'new-user', onclick: () => newUser() }, icon('plus'), t('users-new'))));
  const rows = users.map((u) => {
    const role = h('select', { 'aria-label': t('users-role-of', { email: u.email }), disabled: u.id === session.me.id, onchange: async () => {
      try { await patch(`/users/${u.id}`, { role: role.value }); toast(t('users-role-changed', { email: u.email, role: t('role', { role: role.value }) })); } catch (e) { toast(e.message, 'bad'); role.value = u.role; }
    } }, ROLES.map((r) => h('option', { value: r, selected: u.role === r }, t('role', { role: r }))));
    return h('tr', { dataset: { id: u.id } },
      h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'avatar' }, initials(u)), h('div', { class: 'stack tight ellipsis' }, h('strong', { class: 'ellipsis' }, u.displayName || u.email), h('span', { class: 'muted small ellipsis' }, u.email)))),
      h('td', null, role),
      h('td', { class: 'nowrap' }, date(u.createdAt)),
      h('td', { class: 'nowrap' },
        h('a', { class: 'btn small', href: `#/admin/shares${query({ owner: u.id })}` }, t('users-links')), ' ',
        u.id !== session.me.id ? h('button', { class: 'btn small danger', onclick: () => deleteUser(u, users) }, icon('trash'), t('delete')) : h('span', { class: 'muted small' }, t('users-you'))));
  });
  root.append(h('div', { class: 'page-body' }, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'users' },
    h('thead', null, h('tr', null, h('th', null, t('user')), h('th', null, t('users-role')), h('th', null, t('added')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
    h('tbody', null, rows)))));
}

function newUser() {
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', placeholder: t('optional') });
  const role = h('select', null, ROLES.map((r) => h('option', { value: r, selected: r === 'editor' }, t('role-described', { role: r }))));
  const password = h('input', { type: 'text', required: true, minlength: 8, value: generatePassword(), class: 'mono', spellcheck: 'false' });
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post('/users', { email: email.value.trim(), password: password.value, role: role.value, displayName: name.value.trim() || undefined });
      await copy(password.value, t('password'));
      close();
      go('/admin/users');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('users-new'))),
  h('div', { class: 'dlg-body' }, field(t('email'), email), field(t('users-display-name'), name), field(t('users-role'), role),
    h('div', { class: 'field' }, h('label', { for: 'np' }, t('users-first-password')), h('div', { class: 'row' }, Object.assign(password, { id: 'np' }),
      h('button', { type: 'button', class: 'btn', onclick: () => { password.value = generatePassword(); } }, icon('refresh'), t('users-new-password'))), h('span', { class: 'hint' }, t('users-first-password-hint'))),
    error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('users-create')))), 'narrow');
}

function deleteUser(user, users) {
  const others = users.filter((u) => u.id !== user.id);
  const transfer = h('select', null, h('option', { value: '' }, t('users-transfer-nobody')),
    others.map((u) => h('option', { value: u.id, selected: u.id === session.me.id }, `${u.displayName || u.email}`)));
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await del(`/users/${user.id}${query({ transferTo: transfer.value })}`);
      toast(t('users-deleted', { email: user.email }));
      close();
      go('/admin/users');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('users-delete-title', { email: user.email }))),
  h('div', { class: 'dlg-body' }, h('p', null, t('users-delete-message')),
    field(t('users-transfer'), transfer), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn danger solid' }, t('users-delete')))), 'narrow');
}

export async function policyView(ctx, root) {
  const p = await loadPolicy();
  const yes = (v) => h('span', { class: ['badge', v ? 'ok' : ''] }, v ? t('policy-allowed') : t('policy-not-allowed'));
  const on = (v) => (v ? t('on') : t('off'));
  root.append(h('div', { class: 'page-head' }, h('div', { class: 'titles' }, h('h1', null, t('nav-policy')),
    h('p', { class: 'muted' }, t('policy-intro')))),
  h('div', { class: 'page-body' }, h('div', { class: 'settings-grid' },
    h('section', { class: 'panel' }, h('header', null, h('h2', null, t('policy-expiry'))), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, t('policy-durations')), h('dd', null, p.durationsDays.map(durationLabel).join(', ')),
      h('dt', null, t('policy-default')), h('dd', null, durationLabel(p.defaultDurationDays)),
      h('dt', null, t('policy-longest')), h('dd', null, durationLabel(p.maxExpiryDays))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, t('policy-features'))), h('div', { class: 'body' }, h('dl', { class: 'facts', id: 'policy-allow' },
      h('dt', null, t('policy-passwords')), h('dd', null, yes(p.allow.password)),
      h('dt', null, t('policy-view-only')), h('dd', null, yes(p.allow.viewOnly)),
      h('dt', null, t('policy-use-limits')), h('dd', null, yes(p.allow.maxUses)),
      h('dt', null, t('policy-watermarks')), h('dd', null, yes(p.allow.watermark)),
      h('dt', null, t('asset-attributes')), h('dd', null, yes(p.allow.attributes))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, t('policy-defaults'))), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, t('access')), h('dd', null, p.defaults.access === 'view' ? t('view-only') : t('preview-and-download')),
      h('dt', null, t('originals')), h('dd', null, on(p.defaults.original)),
      h('dt', null, t('previews')), h('dd', null, on(p.defaults.preview)),
      h('dt', null, t('thumbnails')), h('dd', null, on(p.defaults.thumbnail)),
      h('dt', null, t('watermark')), h('dd', null, on(p.defaults.watermark)),
      h('dt', null, t('policy-email-first-visit')), h('dd', null, on(p.defaults.notify?.opened)),
      h('dt', null, t('policy-email-first-download')), h('dd', null, on(p.defaults.notify?.downloaded)),
      h('dt', null, t('policy-attributes-shown')), h('dd', null, DEFAULT_SHOWN.map((key) => t('shown-attribute', { key })).join(', '))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, t('policy-presets'))), h('div', { class: 'body' },
      p.presets.length ? h('ul', null, p.presets.map((n) => h('li', null, n))) : h('p', { class: 'muted' }, t('policy-no-presets')))))));
}
