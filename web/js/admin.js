// Admin: users (create, role, delete with transfer of their shares) and the sharing policy.
import { h, icon, date, toast, modal, field, copy, initials } from './dom.js';
import { get, post, patch, del, query, session, policy as loadPolicy } from './api.js';
import { durationLabel, generatePassword, DEFAULT_SHOWN } from './share-dialog.js';
import { go } from './app.js';

const ROLES = [['viewer', 'Viewer — sees assets and links'], ['editor', 'Editor — uploads and shares'], ['admin', 'Admin — everything, all links, users']];

export async function usersView(ctx, root) {
  const users = (await get('/users')).items;
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, 'Users'), h('p', { class: 'muted' }, 'People who sign in to upload and share. Recipients need no account.')),
    h('button', { class: 'btn primary', id: 'new-user', onclick: () => newUser() }, icon('plus'), 'New user')));
  const rows = users.map((u) => {
    const role = h('select', { 'aria-label': `Role of ${u.email}`, disabled: u.id === session.me.id, onchange: async () => {
      try { await patch(`/users/${u.id}`, { role: role.value }); toast(`${u.email} is now ${role.value}`); } catch (e) { toast(e.message, 'bad'); role.value = u.role; }
    } }, ROLES.map(([r]) => h('option', { value: r, selected: u.role === r }, r[0].toUpperCase() + r.slice(1))));
    return h('tr', { dataset: { id: u.id } },
      h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'avatar' }, initials(u)), h('div', { class: 'stack tight ellipsis' }, h('strong', { class: 'ellipsis' }, u.displayName || u.email), h('span', { class: 'muted small ellipsis' }, u.email)))),
      h('td', null, role),
      h('td', { class: 'nowrap' }, date(u.createdAt)),
      h('td', { class: 'nowrap' },
        h('a', { class: 'btn small', href: `#/admin/shares${query({ owner: u.id })}` }, 'Links'), ' ',
        u.id !== session.me.id ? h('button', { class: 'btn small danger', onclick: () => deleteUser(u, users) }, icon('trash'), 'Delete') : h('span', { class: 'muted small' }, 'you')));
  });
  root.append(h('div', { class: 'page-body' }, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'users' },
    h('thead', null, h('tr', null, h('th', null, 'User'), h('th', null, 'Role'), h('th', null, 'Added'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
    h('tbody', null, rows)))));
}

function newUser() {
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', placeholder: 'Optional' });
  const role = h('select', null, ROLES.map(([r, l]) => h('option', { value: r, selected: r === 'editor' }, l)));
  const password = h('input', { type: 'text', required: true, minlength: 8, value: generatePassword(), class: 'mono', spellcheck: 'false' });
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post('/users', { email: email.value.trim(), password: password.value, role: role.value, displayName: name.value.trim() || undefined });
      await copy(password.value, 'Password');
      close();
      go('/admin/users');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, 'New user')),
  h('div', { class: 'dlg-body' }, field('Email', email), field('Display name', name), field('Role', role),
    h('div', { class: 'field' }, h('label', { for: 'np' }, 'First password'), h('div', { class: 'row' }, Object.assign(password, { id: 'np' }),
      h('button', { type: 'button', class: 'btn', onclick: () => { password.value = generatePassword(); } }, icon('refresh'), 'New')), h('span', { class: 'hint' }, 'Copied when you create the user: hand it over safely.')),
    error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn primary' }, 'Create user'))), 'narrow');
}

function deleteUser(user, users) {
  const others = users.filter((u) => u.id !== user.id);
  const transfer = h('select', null, h('option', { value: '' }, 'Nobody — their links stop working'),
    others.map((u) => h('option', { value: u.id, selected: u.id === session.me.id }, `${u.displayName || u.email}`)));
  const error = h('p', { class: 'error-text', hidden: true });
  modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await del(`/users/${user.id}${query({ transferTo: transfer.value })}`);
      toast(`${user.email} deleted`);
      close();
      go('/admin/users');
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, `Delete ${user.email}?`)),
  h('div', { class: 'dlg-body' }, h('p', null, 'They can no longer sign in. Links they made keep working only if you give them to someone else first.'),
    field('Give their links to', transfer), error),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn danger solid' }, 'Delete user'))), 'narrow');
}

export async function policyView(ctx, root) {
  const p = await loadPolicy();
  const yes = (v) => h('span', { class: ['badge', v ? 'ok' : ''] }, v ? 'Allowed' : 'Not allowed');
  const on = (v) => (v ? 'On' : 'Off');
  root.append(h('div', { class: 'page-head' }, h('div', { class: 'titles' }, h('h1', null, 'Sharing policy'),
    h('p', { class: 'muted' }, 'Set in the configuration file ([sharing]). New links follow it; existing links keep the options they were made with.'))),
  h('div', { class: 'page-body' }, h('div', { class: 'settings-grid' },
    h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Expiry')), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, 'Durations offered'), h('dd', null, p.durationsDays.map(durationLabel).join(', ')),
      h('dt', null, 'Default'), h('dd', null, durationLabel(p.defaultDurationDays)),
      h('dt', null, 'Longest allowed'), h('dd', null, durationLabel(p.maxExpiryDays))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Features')), h('div', { class: 'body' }, h('dl', { class: 'facts', id: 'policy-allow' },
      h('dt', null, 'Passwords'), h('dd', null, yes(p.allow.password)),
      h('dt', null, 'View-only links'), h('dd', null, yes(p.allow.viewOnly)),
      h('dt', null, 'Use limits'), h('dd', null, yes(p.allow.maxUses)),
      h('dt', null, 'Watermarks'), h('dd', null, yes(p.allow.watermark)),
      h('dt', null, 'Attributes'), h('dd', null, yes(p.allow.attributes))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Defaults of a new link')), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, 'Access'), h('dd', null, p.defaults.access === 'view' ? 'View only' : 'Preview and download'),
      h('dt', null, 'Originals'), h('dd', null, on(p.defaults.original)),
      h('dt', null, 'Previews'), h('dd', null, on(p.defaults.preview)),
      h('dt', null, 'Thumbnails'), h('dd', null, on(p.defaults.thumbnail)),
      h('dt', null, 'Watermark'), h('dd', null, on(p.defaults.watermark)),
      h('dt', null, 'Email on first visit'), h('dd', null, on(p.defaults.notify?.opened)),
      h('dt', null, 'Email on first download'), h('dd', null, on(p.defaults.notify?.downloaded)),
      h('dt', null, 'Attributes shown'), h('dd', null, DEFAULT_SHOWN.join(', '))))),
    h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Presets')), h('div', { class: 'body' },
      p.presets.length ? h('ul', null, p.presets.map((n) => h('li', null, n))) : h('p', { class: 'muted' }, 'No presets: add [presets.NAME] sections to the configuration.'))))));
}
