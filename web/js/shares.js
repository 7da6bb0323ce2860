// Shares: the list (own, or all for admins) and one share's page with its tabs.
import { h, clear, icon, bytes, date, dateTime, relative, badge, toast, copy, confirmDialog, modal, field, plural, debounce, STATUS_LABEL } from './dom.js';
import { get, post, patch, del, query, all, isAdmin, can, session, policy as loadPolicy } from './api.js';
import { expiryControl, optionControls, passwordControl, recipientInput, linkTools, durationLabel, languageControl } from './share-dialog.js';
import { assetThumb, kindLabel } from './assets.js';
import { setQuery, go } from './app.js';
import { requestButton } from './requests.js';

const STATUSES = ['active', 'expired', 'disabled', 'used_up', 'creator_deleted'];

function usesText(s) {
  return s.maxUses ? `${s.uses} / ${s.maxUses}` : `${s.uses}`;
}

export async function sharesView(ctx, root) {
  const admin = !!ctx.admin;
  const filters = { status: ctx.query.get('status') || '', owner: ctx.query.get('owner') || '' };
  let users = [];
  if (admin || isAdmin()) {
    try { users = (await get('/users')).items; } catch { users = []; }
  }
  const userName = (id) => { const u = users.find((x) => x.id === id); return u ? (u.displayName || u.email) : 'deleted user'; };
  let items = [];
  let next = null;

  const chips = h('div', { class: 'filters', role: 'group', 'aria-label': 'Status' },
    [['', 'All'], ...STATUSES.map((s) => [s, STATUS_LABEL[s]])].map(([v, label]) => h('button', { class: 'chip-filter', type: 'button', 'aria-pressed': String(filters.status === v), dataset: { status: v },
      onclick: () => { filters.status = v; setQuery({ status: v }); for (const c of chips.children) c.setAttribute('aria-pressed', String(c.dataset.status === v)); load(); } }, label)));
  const owner = admin ? h('select', { 'aria-label': 'Owner', onchange: () => { filters.owner = owner.value; setQuery({ owner: owner.value }); load(); } },
    h('option', { value: '' }, 'Everyone'), users.map((u) => h('option', { value: u.id, selected: filters.owner === u.id }, u.displayName || u.email))) : null;

  root.append(
    h('div', { class: 'page-head' }, h('div', { class: 'titles' }, h('h1', null, admin ? 'All shares' : 'Shares'),
      h('p', { class: 'muted' }, admin ? 'Every link in the system, whoever made it.' : 'Links you have made. Select assets or a collection to make a new one.')),
    !admin ? h('a', { class: 'btn', href: '#/requests', id: 'requests-link' }, icon('upload'), 'Requests') : null,
    !admin ? requestButton() : null,
    can('shares:write') && !admin ? h('a', { class: 'btn primary', href: '#/assets' }, icon('plus'), 'New link from assets') : null),
    h('div', { class: 'toolbar' }, chips, h('span', { class: 'grow' }), owner));
  const body = h('div', { class: 'page-body' });
  const more = h('div', { class: 'more' });
  root.append(body, more);

  function render() {
    clear(body);
    if (!items.length) {
      body.append(h('div', { class: 'empty' }, icon('link', 'big'), h('h2', null, filters.status || filters.owner ? 'No links match' : 'No links yet'),
        h('p', null, filters.status || filters.owner ? 'Try another filter.' : 'Select assets and choose Share to make a link.')));
    } else {
      body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'shares-table' },
        h('thead', null, h('tr', null, h('th', null, 'Link'), admin ? h('th', null, 'Owner') : null, h('th', null, 'Status'), h('th', null, 'Expires'),
          h('th', { class: 'num' }, 'Uses'), h('th', { class: 'num' }, 'Visits'), h('th', { class: 'num' }, 'Downloads'), h('th', null, 'Created'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
        h('tbody', null, items.map((s) => h('tr', { class: ['clickable', s.status !== 'active' && 'dim'], dataset: { id: s.id }, onclick: () => go(`/shares/${s.id}`) },
          h('td', null, h('div', { class: 'title-cell' }, h('a', { href: `#/shares/${s.id}`, class: 'ellipsis', onclick: (e) => e.stopPropagation() }, s.title),
            s.hasPassword ? h('span', { title: 'Password', class: 'muted' }, icon('lock')) : null,
            s.access === 'view' ? h('span', { title: 'View only', class: 'muted' }, icon('eye')) : null)),
          admin ? h('td', { class: 'ellipsis' }, userName(s.ownerId)) : null,
          h('td', null, badge(s.status)),
          h('td', { class: 'nowrap', title: dateTime(s.expiresAt) }, relative(s.expiresAt)),
          h('td', { class: 'num' }, usesText(s)),
          h('td', { class: 'num' }, s.visits),
          h('td', { class: 'num' }, s.downloads),
          h('td', { class: 'nowrap' }, date(s.createdAt)),
          h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': `Copy link of ${s.title}`, title: 'Copy link', onclick: (e) => { e.stopPropagation(); copy(s.url); } }, icon('copy')))))))));
    }
    clear(more);
    if (next) more.append(h('button', { class: 'btn', onclick: () => load(true) }, 'Load more'));
  }

  async function load(append) {
    // Admins see everyone's shares from /shares: their own "Shares" page asks for theirs.
    const owner = admin ? filters.owner : isAdmin() ? session.me.id : '';
    const page = await get(`/shares${query({ status: filters.status, owner, cursor: append ? next : null })}`);
    items = append ? items.concat(page.items) : page.items;
    next = page.nextCursor;
    render();
  }
  await load();
}

// ---------------------------------------------------------------- one share

export async function shareView(ctx, root) {
  const id = ctx.params[0];
  let share = await get(`/shares/${id}`);
  const policy = await loadPolicy();
  const tab = ctx.query.get('tab') || 'assets';
  const writable = can('shares:write');

  const statusBadge = badge(share.status);
  const title = h('h1', { class: 'ellipsis' }, share.title);
  const toggleBtn = h('button', { class: 'btn', id: 'toggle-enabled' });
  const drawToggle = () => {
    clear(toggleBtn).append(icon(share.enabled ? 'x' : 'check'), share.enabled ? 'Disable' : 'Enable');
  };
  drawToggle();
  toggleBtn.addEventListener('click', async () => {
    try {
      share = await patch(`/shares/${id}`, { enabled: !share.enabled });
      toast(share.enabled ? 'Link enabled' : 'Link disabled: it answers “disabled” until enabled again');
      refreshHead();
    } catch (e) { toast(e.message, 'bad'); }
  });
  const head = h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/shares' }, 'Shares'), ' / '),
      h('div', { class: 'row' }, title, statusBadge),
      h('p', { class: 'muted ellipsis' }, share.description || '')),
    h('button', { class: 'btn', onclick: () => copy(share.url) }, icon('copy'), 'Copy link'),
    h('a', { class: 'btn', href: share.url, target: '_blank', rel: 'noopener' }, icon('external'), 'Open'),
    h('button', { class: 'btn', onclick: () => showTools() }, icon('qr'), 'QR & more'),
    writable ? toggleBtn : null);

  const stats = h('div', { class: 'stats', id: 'share-stats' });
  function refreshHead() {
    title.textContent = share.title;
    statusBadge.replaceWith(badge(share.status));
    drawToggle();
    clear(stats).append(
      stat('Visits', share.visits), stat('Downloads', share.downloads),
      stat('Uses', share.maxUses ? `${share.uses} of ${share.maxUses}` : `${share.uses}`, share.maxUses ? `${share.usesRemaining} left` : 'no limit'),
      stat(share.status === 'expired' ? 'Expired' : 'Expires', date(share.expiresAt), relative(share.expiresAt), true),
      stat('Last access', share.lastAccessAt ? relative(share.lastAccessAt) : 'Never', share.lastAccessAt ? dateTime(share.lastAccessAt) : '', true));
  }
  const stat = (k, v, sub, small) => h('div', { class: 'stat' }, h('div', { class: 'k' }, k), h('div', { class: ['v', small && 'small'] }, String(v)), sub ? h('div', { class: 'muted small' }, sub) : null);

  function showTools() {
    modal((close) => h('div', { class: 'dlg' },
      h('div', { class: 'dlg-head' }, h('h2', null, 'Share the link'), h('button', { class: 'btn ghost icon-only', 'aria-label': 'Close', onclick: () => close() }, icon('x'))),
      h('div', { class: 'dlg-body' }, h('div', { class: 'done-grid' }, linkTools(share),
        h('img', { class: 'qr', src: `/api/v1/shares/${id}/qr.svg`, alt: `QR code for ${share.url}`, width: 168, height: 168 })))), 'wide');
  }

  const recipientsLive = share.recipients.filter((r) => r.status !== 'removed').length;
  const assetCount = share.assetIds ? share.assetIds.length : null;
  const tabs = h('div', { class: 'tabs', role: 'tablist' },
    [['assets', 'Assets', assetCount], ['guests', 'Guests', recipientsLive], ['activity', 'Activity', null], ['settings', 'Settings', null]].map(([key, label, n]) =>
      h('a', { role: 'tab', href: `#/shares/${id}?tab=${key}`, 'aria-selected': String(tab === key), id: `tab-${key}` }, label, n !== null ? h('span', { class: 'count' }, n) : null)));
  const panel = h('div', { class: 'page-body', role: 'tabpanel', 'aria-labelledby': `tab-${tab}` });
  refreshHead();
  root.append(head, stats, tabs, panel);

  const reload = async () => { share = await get(`/shares/${id}`); refreshHead(); };
  const tabs_ = { assets: assetsTab, guests: guestsTab, activity: activityTab, settings: settingsTab };
  await (tabs_[tab] || assetsTab)({ share: () => share, set: (s) => { share = s; refreshHead(); }, reload, panel, policy, writable });
}

async function assetsOf(share) {
  let ids = share.assetIds || [];
  let collection = null;
  if (share.collectionId) {
    try { collection = await get(`/collections/${share.collectionId}`); ids = collection.assetIds; } catch { ids = []; }
  }
  const assets = [];
  for (const id of ids) {
    try { assets.push(await get(`/assets/${id}`)); } catch { assets.push({ id, name: 'Deleted asset', kind: 'other', size: 0, status: 'unavailable', missing: true }); }
  }
  return { assets, collection };
}

async function assetsTab({ share, set, panel, writable }) {
  const s = share();
  const { assets, collection } = await assetsOf(s);
  const canEdit = writable && !s.collectionId;
  if (collection) {
    panel.append(h('div', { class: 'notice info row' }, icon('folder'), h('span', { class: 'grow' }, 'This link follows the collection ', h('a', { href: `#/collections/${collection.id}` }, collection.name), ': add or remove assets there.')), h('div', { class: 'row' }));
  } else if (s.collectionId) {
    panel.append(h('div', { class: 'notice' }, 'The collection this link follows was deleted.'));
  }
  if (canEdit) panel.append(h('div', { class: 'row', id: 'share-assets-actions' }, h('span', { class: 'grow muted' }, plural(assets.length, 'asset')),
    h('button', { class: 'btn', id: 'add-assets', onclick: () => pickAssets(s, set) }, icon('plus'), 'Add assets')));
  const rows = assets.map((a) => h('tr', { dataset: { id: a.id }, class: a.missing || a.status !== 'available' ? 'dim' : '' },
    h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'mini-thumb' }, assetThumb(a)), a.missing ? h('span', null, a.name) : h('a', { href: `#/assets/${a.id}`, class: 'ellipsis' }, a.name))),
    h('td', null, kindLabel(a.kind)),
    h('td', { class: 'num' }, bytes(a.size)),
    h('td', null, a.missing ? '' : badge(a.status)),
    h('td', null, canEdit ? h('button', { class: 'btn small', 'aria-label': `Remove ${a.name} from this link`, onclick: async () => {
      try { set(await del(`/shares/${s.id}/assets/${a.id}`)); toast('Removed from the link'); go(`/shares/${s.id}?tab=assets`); } catch (e) { toast(e.message, 'bad'); }
    } }, icon('minus'), 'Remove') : null)));
  panel.append(h('div', { class: 'section-space' }), assets.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'share-assets' },
    h('thead', null, h('tr', null, h('th', null, 'Asset'), h('th', null, 'Kind'), h('th', { class: 'num' }, 'Size'), h('th', null, 'Status'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
    h('tbody', null, rows))) : h('div', { class: 'empty' }, h('h2', null, 'No assets in this link'), h('p', null, 'Recipients see an empty page.')));
}

function pickAssets(share, set) {
  const chosen = new Set();
  const list = h('ul', { class: 'pick-list' });
  const search = h('input', { type: 'search', placeholder: 'Search assets', 'aria-label': 'Search assets' });
  const have = new Set(share.assetIds || []);
  const load = async () => {
    const page = await get(`/assets${query({ q: search.value.trim(), limit: 100 })}`);
    clear(list);
    for (const a of page.items) {
      const box = h('input', { type: 'checkbox', checked: have.has(a.id) || chosen.has(a.id), disabled: have.has(a.id), onchange: () => { if (box.checked) chosen.add(a.id); else chosen.delete(a.id); } });
      list.append(h('li', null, h('label', null, box, h('span', { class: 'mini-thumb' }, assetThumb(a)), h('span', { class: 'grow ellipsis' }, a.name), h('span', { class: 'muted small' }, have.has(a.id) ? 'in the link' : bytes(a.size)))));
    }
    if (!page.items.length) list.append(h('li', { class: 'muted' }, h('label', null, 'Nothing found')));
  };
  search.addEventListener('input', debounce(load, 250));
  const { close } = modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    if (!chosen.size) { close(); return; }
    try {
      const s = await post(`/shares/${share.id}/assets`, { assetIds: [...chosen] });
      set(s);
      const skipped = s.skipped?.length || 0;
      toast(skipped ? `${plural(chosen.size - skipped, 'asset')} added, ${skipped} left out (unavailable or expired)` : `${plural(chosen.size, 'asset')} added`);
      close();
      go(`/shares/${share.id}?tab=assets`);
    } catch (err) { toast(err.message, 'bad'); }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, 'Add assets to the link')),
  h('div', { class: 'dlg-body' }, search, list),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, 'Cancel'), h('button', { type: 'submit', class: 'btn primary' }, 'Add'))));
  load();
  return close;
}

async function guestsTab({ share, set, panel, policy, writable }) {
  const s = share();
  let users = [];
  if (isAdmin()) { try { users = (await get('/users')).items; } catch { users = []; } }
  const who = (r) => r.email || users.find((u) => u.id === r.userId)?.email || 'Team member';

  if (writable) {
    const to = recipientInput();
    const duration = h('select', { 'aria-label': 'Their link expires' }, h('option', { value: '' }, 'With the link'), policy.durationsDays.map((d) => h('option', { value: d }, `After ${durationLabel(d)}`)));
    const message = h('textarea', { rows: 2, placeholder: 'Optional message in the email' });
    const error = h('p', { class: 'error-text', hidden: true });
    panel.append(h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Invite guests')),
      h('form', { class: 'body stack', id: 'invite', onsubmit: async (e) => {
        e.preventDefault();
        const recipients = to.read();
        if (!recipients.length) { error.textContent = 'Add an email address or a team member.'; error.hidden = false; return; }
        try {
          const body = { recipients };
          if (duration.value) body.durationDays = Number(duration.value);
          if (message.value.trim()) body.message = message.value.trim();
          set(await post(`/shares/${s.id}/recipients`, body));
          toast(`Invited ${plural(recipients.length, 'guest')}`);
          go(`/shares/${s.id}?tab=guests`);
        } catch (err) { error.textContent = err.message; error.hidden = false; }
      } },
      h('div', { class: 'field' }, h('label', { for: to.input.id }, 'Emails or team members'), to.node, h('span', { class: 'hint' }, 'Each guest gets a personal link by email, counted separately.')),
      h('div', { class: 'two' }, field('Their link expires', duration), field('Message', message)),
      error, h('div', null, h('button', { class: 'btn primary', type: 'submit' }, icon('send'), 'Invite')))));
    panel.append(h('div', { class: 'section-space' }));
  }
  const guests = s.recipients;
  if (!guests.length) {
    panel.append(h('div', { class: 'empty' }, icon('users', 'big'), h('h2', null, 'No guests yet'), h('p', null, 'Anyone with the link can open it. Invite guests to give each a personal, tracked link.')));
    return;
  }
  panel.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'guests' },
    h('thead', null, h('tr', null, h('th', null, 'Guest'), h('th', null, 'Status'), h('th', null, 'Link expires'), h('th', { class: 'num' }, 'Visits'), h('th', { class: 'num' }, 'Downloads'), h('th', null, 'Last access'), h('th', null, 'Email'), h('th', null, h('span', { class: 'sr-only' }, 'Actions')))),
    h('tbody', null, guests.map((r) => h('tr', { class: r.status !== 'active' ? 'dim' : '', dataset: { id: r.id } },
      h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'avatar' }, (who(r)[0] || '?').toUpperCase()), h('span', { class: 'ellipsis' }, who(r)))),
      h('td', null, badge(r.status)),
      h('td', { class: 'nowrap', title: dateTime(r.expiresAt) }, relative(r.expiresAt)),
      h('td', { class: 'num' }, r.visits),
      h('td', { class: 'num' }, r.downloads),
      h('td', { class: 'nowrap', title: r.lastAccessAt ? dateTime(r.lastAccessAt) : '' }, r.lastAccessAt ? relative(r.lastAccessAt) : 'Never'),
      h('td', { class: 'small muted' }, r.emailState || '—'),
      h('td', { class: 'nowrap' },
        h('button', { class: 'btn small icon-only ghost', 'aria-label': `Copy ${who(r)}'s link`, title: 'Copy personal link', disabled: r.status === 'removed', onclick: () => copy(r.url) }, icon('copy')),
        writable && r.status !== 'removed' ? h('button', { class: 'btn small icon-only ghost', 'aria-label': `Remove ${who(r)}`, title: 'Remove guest', onclick: async () => {
          if (!await confirmDialog({ title: `Remove ${who(r)}?`, message: 'Their personal link stops working at once.', confirm: 'Remove' })) return;
          try { set(await del(`/shares/${s.id}/recipients/${r.id}`)); toast('Guest removed'); go(`/shares/${s.id}?tab=guests`); } catch (e) { toast(e.message, 'bad'); }
        } }, icon('trash')) : null)))))));
}

const EVENT_LABEL = { visit: 'Visit', unlock_failed: 'Wrong password', preview: 'Preview', download: 'Download', bundle: 'Download all' };

function browser(ua) {
  if (!ua) return '—';
  const m = ua.match(/(Edg|OPR|Chrome|Firefox|Safari|curl|Wget)\/([\d.]+)/);
  const os = ua.match(/\((Windows|Macintosh|iPhone|iPad|Android|Linux|X11)[^)]*\)/);
  return m ? `${m[1].replace('Edg', 'Edge').replace('OPR', 'Opera')}${os ? ` · ${os[1].replace('Macintosh', 'macOS').replace('X11', 'Linux')}` : ''}` : ua.slice(0, 40);
}

async function activityTab({ share, panel }) {
  const s = share();
  const events = (await all(`/shares/${s.id}/events`)).reverse();
  if (!events.length) {
    panel.append(h('div', { class: 'empty' }, icon('activity', 'big'), h('h2', null, 'No activity yet'), h('p', null, 'Visits, previews and downloads show here as they happen.')));
    return;
  }
  const names = new Map();
  const { assets } = await assetsOf(s);
  for (const a of assets) names.set(a.id, a.name);
  const guest = new Map(s.recipients.map((r) => [r.id, r.email || 'Team member']));
  let filter = '';
  const tbody = h('tbody');
  const draw = () => {
    clear(tbody).append(...events.filter((e) => !filter || e.type === filter).map((e) => h('tr', null,
      h('td', { class: 'nowrap', title: dateTime(e.at) }, relative(e.at)),
      h('td', null, h('span', { class: ['badge', e.type === 'unlock_failed' ? 'failed' : e.type === 'visit' ? '' : 'ok'] }, EVENT_LABEL[e.type] || e.type)),
      h('td', { class: 'ellipsis' }, e.assetId ? (names.get(e.assetId) || 'Deleted asset') : e.type === 'bundle' ? 'All files (zip)' : ''),
      h('td', { class: 'small muted' }, e.variant || ''),
      h('td', { class: 'num' }, e.bytes !== undefined ? bytes(e.bytes) : ''),
      h('td', { class: 'ellipsis' }, e.recipientId ? guest.get(e.recipientId) || 'Guest' : 'Link'),
      h('td', { class: 'mono small' }, e.clientAddress),
      h('td', { class: 'small', title: e.userAgent }, browser(e.userAgent)))));
  };
  const types = [...new Set(events.map((e) => e.type))];
  const chips = h('div', { class: 'filters', role: 'group', 'aria-label': 'Event type' },
    [['', 'All'], ...types.map((t) => [t, EVENT_LABEL[t] || t])].map(([v, l]) => h('button', { type: 'button', class: 'chip-filter', 'aria-pressed': String(v === filter), dataset: { t: v },
      onclick: () => { filter = v; for (const c of chips.children) c.setAttribute('aria-pressed', String(c.dataset.t === v)); draw(); } }, l)));
  draw();
  panel.append(h('div', { class: 'row' }, chips, h('span', { class: 'grow' }), h('span', { class: 'muted small' }, plural(events.length, 'event'))), h('div', { class: 'section-space' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'events' },
      h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Event'), h('th', null, 'Asset'), h('th', null, 'Variant'), h('th', { class: 'num' }, 'Bytes'), h('th', null, 'By'), h('th', null, 'Address'), h('th', null, 'Browser'))),
      tbody)));
}

async function settingsTab({ share, set, panel, policy, writable }) {
  const s = share();
  const title = h('input', { type: 'text', value: s.title, required: true, maxlength: 200 });
  const description = h('textarea', { rows: 2 }, s.description || '');
  const expiry = expiryControl(policy, { current: s.expiresAt, optional: true });
  const maxUses = h('input', { type: 'number', min: 1, step: 1, placeholder: 'Unlimited', value: s.maxUses ?? '', id: 'settings-max-uses' });
  const options = optionControls(policy, s, []);
  const language = languageControl('settings-language', s.language);
  const pw = passwordControl(s.hasPassword ? 'Type a new password to change it' : 'No password');
  let clearPassword = false;
  const pwState = h('span', { class: 'hint' }, s.hasPassword ? 'A password is set.' : 'Anyone with the link can open it.');
  const removePw = s.hasPassword ? h('button', { type: 'button', class: 'btn small', onclick: () => { clearPassword = true; pw.input.value = ''; pwState.textContent = 'The password will be removed when you save.'; } }, 'Remove password') : null;
  const error = h('p', { class: 'error-text', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'btn primary', disabled: !writable }, 'Save changes');

  const form = h('form', { class: 'panel', id: 'share-settings', onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = {};
    try {
      if (title.value.trim() !== s.title) body.title = title.value.trim();
      if (description.value.trim() !== (s.description || '')) body.description = description.value.trim();
      Object.assign(body, expiry.read() || {});
      const mu = maxUses.value ? Number(maxUses.value) : null;
      if (mu !== (s.maxUses ?? null)) body.maxUses = mu;
      if (pw.input.value) body.password = pw.input.value; else if (clearPassword) body.password = null;
      Object.assign(body, options.read());
      if (language.read() !== s.language) body.language = language.read();
      const updated = await patch(`/shares/${s.id}`, body);
      set(updated);
      toast('Settings saved');
      go(`/shares/${s.id}?tab=settings`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('header', null, h('h2', null, 'Link settings')),
  h('div', { class: 'body stack' },
    field('Title', title), field('Description', description),
    h('div', { class: 'section' }, expiry.node),
    h('div', { class: 'section stack' },
      policy.allow.maxUses || s.maxUses ? field('Maximum uses', maxUses, `${plural(s.uses, 'use')} so far. Changing the limit keeps that count.`) : null,
      policy.allow.password || s.hasPassword ? h('div', { class: 'field' }, h('label', { for: pw.input.id }, 'Password'), pw.node, h('div', { class: 'row' }, pwState, removePw)) : null),
    h('div', { class: 'section' }, options.node),
    h('div', { class: 'section' }, language.node),
    error, h('div', { class: 'row' }, h('span', { class: 'grow' }), save)));

  const danger = h('section', { class: 'panel danger-zone' }, h('header', null, h('h2', null, 'Danger zone')),
    h('div', { class: 'body stack' },
      h('div', { class: 'row' }, h('div', { class: 'grow' }, h('strong', null, s.enabled ? 'Disable the link' : 'Enable the link'), h('p', { class: 'muted small' }, s.enabled ? 'Recipients see “disabled” until you enable it again. Nothing is lost.' : 'The link works again until it expires.')),
        h('button', { class: 'btn', type: 'button', id: 'settings-toggle', disabled: !writable, onclick: async () => {
          try { set(await patch(`/shares/${s.id}`, { enabled: !s.enabled })); go(`/shares/${s.id}?tab=settings`); } catch (e) { toast(e.message, 'bad'); }
        } }, s.enabled ? 'Disable' : 'Enable')),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, h('strong', null, 'Delete the link'), h('p', { class: 'muted small' }, 'The link and its guests’ links stop working for good. The assets stay.')),
        h('button', { class: 'btn danger', type: 'button', id: 'delete-share', disabled: !writable, onclick: async () => {
          if (!await confirmDialog({ title: `Delete “${s.title}”?`, message: `${plural(s.visits, 'visit')} and ${plural(s.downloads, 'download')} so far. Everyone with the link or a personal link loses access. This cannot be undone.`, confirm: 'Delete link' })) return;
          try { await del(`/shares/${s.id}`); toast('Link deleted'); go('/shares'); } catch (e) { toast(e.message, 'bad'); }
        } }, icon('trash'), 'Delete'))));
  panel.append(h('div', { class: 'settings-grid' }, form, h('div', null, danger,
    h('section', { class: 'panel' }, h('header', null, h('h2', null, 'Summary')), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, 'Created'), h('dd', null, dateTime(s.createdAt)),
      h('dt', null, 'Expires'), h('dd', null, dateTime(s.expiresAt)),
      h('dt', null, 'Access'), h('dd', null, s.access === 'view' ? 'View only' : 'Preview and download'),
      h('dt', null, 'Password'), h('dd', null, s.hasPassword ? 'Yes' : 'No'),
      h('dt', null, 'Watermark'), h('dd', null, s.watermark ? 'Yes' : 'No')))))));
}
