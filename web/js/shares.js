// Shares: the list (own, or all for admins) and one share's page with its tabs.
import { h, clear, icon, bytes, date, dateTime, relative, badge, toast, copy, confirmDialog, modal, field, debounce, statusLabel } from './dom.js';
import { get, post, patch, del, query, all, isAdmin, can, session, policy as loadPolicy } from './api.js';
import { expiryControl, optionControls, passwordControl, recipientInput, linkTools, durationLabel, languageControl } from './share-dialog.js';
import { assetThumb, kindLabel } from './assets.js';
import { setQuery, go } from './app.js';
import { requestButton } from './requests.js';
import { t } from './i18n.js';

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
  const userName = (id) => { const u = users.find((x) => x.id === id); return u ? (u.displayName || u.email) : t('shares-deleted-user'); };
  let items = [];
  let next = null;

  const chips = h('div', { class: 'filters', role: 'group', 'aria-label': t('status-field') },
    [['', t('all')], ...STATUSES.map((s) => [s, statusLabel(s)])].map(([v, label]) => h('button', { class: 'chip-filter', type: 'button', 'aria-pressed': String(filters.status === v), dataset: { status: v },
      onclick: () => { filters.status = v; setQuery({ status: v }); for (const c of chips.children) c.setAttribute('aria-pressed', String(c.dataset.status === v)); load(); } }, label)));
  const owner = admin ? h('select', { 'aria-label': t('shares-owner'), onchange: () => { filters.owner = owner.value; setQuery({ owner: owner.value }); load(); } },
    h('option', { value: '' }, t('shares-everyone')), users.map((u) => h('option', { value: u.id, selected: filters.owner === u.id }, u.displayName || u.email))) : null;

  root.append(
    h('div', { class: 'page-head' }, h('div', { class: 'titles' }, h('h1', null, admin ? t('nav-all-shares') : t('nav-shares')),
      h('p', { class: 'muted' }, admin ? t('shares-admin-intro') : t('shares-intro'))),
    !admin ? h('a', { class: 'btn', href: '#/requests', id: 'requests-link' }, icon('upload'), t('nav-requests')) : null,
    !admin ? requestButton() : null,
    can('shares:write') && !admin ? h('a', { class: 'btn primary', href: '#/assets' }, icon('plus'), t('shares-new-from-assets')) : null),
    h('div', { class: 'toolbar' }, chips, h('span', { class: 'grow' }), owner));
  const body = h('div', { class: 'page-body' });
  const more = h('div', { class: 'more' });
  root.append(body, more);

  function render() {
    clear(body);
    if (!items.length) {
      body.append(h('div', { class: 'empty' }, icon('link', 'big'), h('h2', null, filters.status || filters.owner ? t('shares-no-match') : t('shares-none')),
        h('p', null, filters.status || filters.owner ? t('shares-no-match-hint') : t('shares-none-hint'))));
    } else {
      body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'shares-table' },
        h('thead', null, h('tr', null, h('th', null, t('link')), admin ? h('th', null, t('shares-owner')) : null, h('th', null, t('status-field')), h('th', null, t('expires')),
          h('th', { class: 'num' }, t('uses')), h('th', { class: 'num' }, t('visits')), h('th', { class: 'num' }, t('downloads')), h('th', null, t('created')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
        h('tbody', null, items.map((s) => h('tr', { class: ['clickable', s.status !== 'active' && 'dim'], dataset: { id: s.id }, onclick: () => go(`/shares/${s.id}`) },
          h('td', null, h('div', { class: 'title-cell' }, h('a', { href: `#/shares/${s.id}`, class: 'ellipsis', onclick: (e) => e.stopPropagation() }, s.title),
            s.hasPassword ? h('span', { title: t('password'), class: 'muted' }, icon('lock')) : null,
            s.access === 'view' ? h('span', { title: t('view-only'), class: 'muted' }, icon('eye')) : null)),
          admin ? h('td', { class: 'ellipsis' }, userName(s.ownerId)) : null,
          h('td', null, badge(s.status)),
          h('td', { class: 'nowrap', title: dateTime(s.expiresAt) }, relative(s.expiresAt)),
          h('td', { class: 'num' }, usesText(s)),
          h('td', { class: 'num' }, s.visits),
          h('td', { class: 'num' }, s.downloads),
          h('td', { class: 'nowrap' }, date(s.createdAt)),
          h('td', null, h('button', { class: 'btn small icon-only ghost', 'aria-label': t('copy-link-of', { title: s.title }), title: t('copy-link'), onclick: (e) => { e.stopPropagation(); copy(s.url); } }, icon('copy')))))))));
    }
    clear(more);
    if (next) more.append(h('button', { class: 'btn', onclick: () => load(true) }, t('assets-load-more')));
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
    clear(toggleBtn).append(icon(share.enabled ? 'x' : 'check'), share.enabled ? t('disable') : t('enable'));
  };
  drawToggle();
  toggleBtn.addEventListener('click', async () => {
    try {
      share = await patch(`/shares/${id}`, { enabled: !share.enabled });
      toast(share.enabled ? t('link-enabled') : t('share-disabled-toast'));
      refreshHead();
    } catch (e) { toast(e.message, 'bad'); }
  });
  const head = h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('div', { class: 'crumbs' }, h('a', { href: '#/shares' }, t('nav-shares')), ' / '),
      h('div', { class: 'row' }, title, statusBadge),
      h('p', { class: 'muted ellipsis' }, share.description || '')),
    h('button', { class: 'btn', onclick: () => copy(share.url) }, icon('copy'), t('copy-link')),
    h('a', { class: 'btn', href: share.url, target: '_blank', rel: 'noopener' }, icon('external'), t('open')),
    h('button', { class: 'btn', onclick: () => showTools() }, icon('qr'), t('share-qr-more')),
    writable ? toggleBtn : null);

  const stats = h('div', { class: 'stats', id: 'share-stats' });
  function refreshHead() {
    title.textContent = share.title;
    statusBadge.replaceWith(badge(share.status));
    drawToggle();
    clear(stats).append(
      stat(t('visits'), share.visits), stat(t('downloads'), share.downloads),
      stat(t('uses'), share.maxUses ? t('count-of', { count: share.uses, max: share.maxUses }) : `${share.uses}`, share.maxUses ? t('count-left', { count: share.usesRemaining }) : t('no-limit')),
      stat(share.status === 'expired' ? t('expired') : t('expires'), date(share.expiresAt), relative(share.expiresAt), true),
      stat(t('last-access'), share.lastAccessAt ? relative(share.lastAccessAt) : t('never'), share.lastAccessAt ? dateTime(share.lastAccessAt) : '', true));
  }
  const stat = (k, v, sub, small) => h('div', { class: 'stat' }, h('div', { class: 'k' }, k), h('div', { class: ['v', small && 'small'] }, String(v)), sub ? h('div', { class: 'muted small' }, sub) : null);

  function showTools() {
    modal((close) => h('div', { class: 'dlg' },
      h('div', { class: 'dlg-head' }, h('h2', null, t('share-the-link')), h('button', { class: 'btn ghost icon-only', 'aria-label': t('close'), onclick: () => close() }, icon('x'))),
      h('div', { class: 'dlg-body' }, h('div', { class: 'done-grid' }, linkTools(share),
        h('img', { class: 'qr', src: `/api/v1/shares/${id}/qr.svg`, alt: t('qr-code-for', { url: share.url }), width: 168, height: 168 })))), 'wide');
  }

  const recipientsLive = share.recipients.filter((r) => r.status !== 'removed').length;
  const assetCount = share.assetIds ? share.assetIds.length : null;
  const tabs = h('div', { class: 'tabs', role: 'tablist' },
    [['assets', t('nav-assets'), assetCount], ['guests', t('share-guests'), recipientsLive], ['activity', t('activity'), null], ['settings', t('share-settings'), null]].map(([key, label, n]) =>
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
    try { assets.push(await get(`/assets/${id}`)); } catch { assets.push({ id, name: t('deleted-asset'), kind: 'other', size: 0, status: 'unavailable', missing: true }); }
  }
  return { assets, collection };
}

async function assetsTab({ share, set, panel, writable }) {
  const s = share();
  const { assets, collection } = await assetsOf(s);
  const canEdit = writable && !s.collectionId;
  if (collection) {
    panel.append(h('div', { class: 'notice info row' }, icon('folder'), h('span', { class: 'grow' }, t('share-follows-collection-before'), h('a', { href: `#/collections/${collection.id}` }, collection.name), t('share-follows-collection-after'))), h('div', { class: 'row' }));
  } else if (s.collectionId) {
    panel.append(h('div', { class: 'notice' }, t('share-collection-deleted')));
  }
  if (canEdit) panel.append(h('div', { class: 'row', id: 'share-assets-actions' }, h('span', { class: 'grow muted' }, t('n-assets', { count: assets.length })),
    h('button', { class: 'btn', id: 'add-assets', onclick: () => pickAssets(s, set) }, icon('plus'), t('share-add-assets'))));
  const rows = assets.map((a) => h('tr', { dataset: { id: a.id }, class: a.missing || a.status !== 'available' ? 'dim' : '' },
    h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'mini-thumb' }, assetThumb(a)), a.missing ? h('span', null, a.name) : h('a', { href: `#/assets/${a.id}`, class: 'ellipsis' }, a.name))),
    h('td', null, kindLabel(a.kind)),
    h('td', { class: 'num' }, bytes(a.size)),
    h('td', null, a.missing ? '' : badge(a.status)),
    h('td', null, canEdit ? h('button', { class: 'btn small', 'aria-label': t('share-remove-asset', { name: a.name }), onclick: async () => {
      try { set(await del(`/shares/${s.id}/assets/${a.id}`)); toast(t('share-asset-removed')); go(`/shares/${s.id}?tab=assets`); } catch (e) { toast(e.message, 'bad'); }
    } }, icon('minus'), t('remove')) : null)));
  panel.append(h('div', { class: 'section-space' }), assets.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'share-assets' },
    h('thead', null, h('tr', null, h('th', null, t('asset')), h('th', null, t('assets-kind')), h('th', { class: 'num' }, t('size')), h('th', null, t('status-field')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
    h('tbody', null, rows))) : h('div', { class: 'empty' }, h('h2', null, t('share-no-assets')), h('p', null, t('share-no-assets-hint'))));
}

function pickAssets(share, set) {
  const chosen = new Set();
  const list = h('ul', { class: 'pick-list' });
  const search = h('input', { type: 'search', placeholder: t('assets-search-label'), 'aria-label': t('assets-search-label') });
  const have = new Set(share.assetIds || []);
  const load = async () => {
    const page = await get(`/assets${query({ q: search.value.trim(), limit: 100 })}`);
    clear(list);
    for (const a of page.items) {
      const box = h('input', { type: 'checkbox', checked: have.has(a.id) || chosen.has(a.id), disabled: have.has(a.id), onchange: () => { if (box.checked) chosen.add(a.id); else chosen.delete(a.id); } });
      list.append(h('li', null, h('label', null, box, h('span', { class: 'mini-thumb' }, assetThumb(a)), h('span', { class: 'grow ellipsis' }, a.name), h('span', { class: 'muted small' }, have.has(a.id) ? t('share-in-the-link') : bytes(a.size)))));
    }
    if (!page.items.length) list.append(h('li', { class: 'muted' }, h('label', null, t('nothing-found'))));
  };
  search.addEventListener('input', debounce(load, 250));
  const { close } = modal((close) => h('form', { class: 'dlg', onsubmit: async (e) => {
    e.preventDefault();
    if (!chosen.size) { close(); return; }
    try {
      const s = await post(`/shares/${share.id}/assets`, { assetIds: [...chosen] });
      set(s);
      const skipped = s.skipped?.length || 0;
      toast(skipped ? t('share-assets-added-skipped', { count: chosen.size - skipped, skipped }) : t('share-assets-added', { count: chosen.size }));
      close();
      go(`/shares/${share.id}?tab=assets`);
    } catch (err) { toast(err.message, 'bad'); }
  } },
  h('div', { class: 'dlg-head' }, h('h2', null, t('share-add-assets-title'))),
  h('div', { class: 'dlg-body' }, search, list),
  h('div', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'btn', onclick: () => close() }, t('cancel')), h('button', { type: 'submit', class: 'btn primary' }, t('add')))));
  load();
  return close;
}

async function guestsTab({ share, set, panel, policy, writable }) {
  const s = share();
  let users = [];
  if (isAdmin()) { try { users = (await get('/users')).items; } catch { users = []; } }
  const who = (r) => r.email || users.find((u) => u.id === r.userId)?.email || t('team-member');

  if (writable) {
    const to = recipientInput();
    const duration = h('select', { 'aria-label': t('guests-their-link-expires') }, h('option', { value: '' }, t('guests-with-the-link')), policy.durationsDays.map((d) => h('option', { value: d }, t('guests-after', { duration: durationLabel(d) }))));
    const message = h('textarea', { rows: 2, placeholder: t('optional-email-message') });
    const error = h('p', { class: 'error-text', hidden: true });
    panel.append(h('section', { class: 'panel' }, h('header', null, h('h2', null, t('guests-invite-title'))),
      h('form', { class: 'body stack', id: 'invite', onsubmit: async (e) => {
        e.preventDefault();
        const recipients = to.read();
        if (!recipients.length) { error.textContent = t('guests-need-someone'); error.hidden = false; return; }
        try {
          const body = { recipients };
          if (duration.value) body.durationDays = Number(duration.value);
          if (message.value.trim()) body.message = message.value.trim();
          set(await post(`/shares/${s.id}/recipients`, body));
          toast(t('guests-invited', { count: recipients.length }));
          go(`/shares/${s.id}?tab=guests`);
        } catch (err) { error.textContent = err.message; error.hidden = false; }
      } },
      h('div', { class: 'field' }, h('label', { for: to.input.id }, t('guests-who')), to.node, h('span', { class: 'hint' }, t('guests-who-hint'))),
      h('div', { class: 'two' }, field(t('guests-their-link-expires'), duration), field(t('message'), message)),
      error, h('div', null, h('button', { class: 'btn primary', type: 'submit' }, icon('send'), t('guests-invite'))))));
    panel.append(h('div', { class: 'section-space' }));
  }
  const guests = s.recipients;
  if (!guests.length) {
    panel.append(h('div', { class: 'empty' }, icon('users', 'big'), h('h2', null, t('guests-none')), h('p', null, t('guests-none-hint'))));
    return;
  }
  panel.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'guests' },
    h('thead', null, h('tr', null, h('th', null, t('guest')), h('th', null, t('status-field')), h('th', null, t('guests-link-expires')), h('th', { class: 'num' }, t('visits')), h('th', { class: 'num' }, t('downloads')), h('th', null, t('last-access')), h('th', null, t('email')), h('th', null, h('span', { class: 'sr-only' }, t('actions'))))),
    h('tbody', null, guests.map((r) => h('tr', { class: r.status !== 'active' ? 'dim' : '', dataset: { id: r.id } },
      h('td', null, h('div', { class: 'title-cell' }, h('span', { class: 'avatar' }, (who(r)[0] || '?').toUpperCase()), h('span', { class: 'ellipsis' }, who(r)))),
      h('td', null, badge(r.status)),
      h('td', { class: 'nowrap', title: dateTime(r.expiresAt) }, relative(r.expiresAt)),
      h('td', { class: 'num' }, r.visits),
      h('td', { class: 'num' }, r.downloads),
      h('td', { class: 'nowrap', title: r.lastAccessAt ? dateTime(r.lastAccessAt) : '' }, r.lastAccessAt ? relative(r.lastAccessAt) : t('never')),
      h('td', { class: 'small muted' }, r.emailState ? t('email-state', { state: r.emailState }) : '—'),
      h('td', { class: 'nowrap' },
        h('button', { class: 'btn small icon-only ghost', 'aria-label': t('copy-link-of', { title: who(r) }), title: t('guests-copy-personal-link'), disabled: r.status === 'removed', onclick: () => copy(r.url) }, icon('copy')),
        writable && r.status !== 'removed' ? h('button', { class: 'btn small icon-only ghost', 'aria-label': t('remove-named', { name: who(r) }), title: t('guests-remove'), onclick: async () => {
          if (!await confirmDialog({ title: t('guests-remove-title', { name: who(r) }), message: t('guests-remove-message'), confirm: t('remove') })) return;
          try { set(await del(`/shares/${s.id}/recipients/${r.id}`)); toast(t('guests-removed')); go(`/shares/${s.id}?tab=guests`); } catch (e) { toast(e.message, 'bad'); }
        } }, icon('trash')) : null)))))));
}

const eventLabel = (type) => t('share-event', { type });

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
    panel.append(h('div', { class: 'empty' }, icon('activity', 'big'), h('h2', null, t('activity-none')), h('p', null, t('activity-none-hint'))));
    return;
  }
  const names = new Map();
  const { assets } = await assetsOf(s);
  for (const a of assets) names.set(a.id, a.name);
  const guest = new Map(s.recipients.map((r) => [r.id, r.email || t('team-member')]));
  let filter = '';
  const tbody = h('tbody');
  const draw = () => {
    clear(tbody).append(...events.filter((e) => !filter || e.type === filter).map((e) => h('tr', null,
      h('td', { class: 'nowrap', title: dateTime(e.at) }, relative(e.at)),
      h('td', null, h('span', { class: ['badge', e.type === 'unlock_failed' ? 'failed' : e.type === 'visit' ? '' : 'ok'] }, eventLabel(e.type))),
      h('td', { class: 'ellipsis' }, e.assetId ? (names.get(e.assetId) || t('deleted-asset')) : e.type === 'bundle' ? t('activity-all-files') : ''),
      h('td', { class: 'small muted' }, e.variant || ''),
      h('td', { class: 'num' }, e.bytes !== undefined ? bytes(e.bytes) : ''),
      h('td', { class: 'ellipsis' }, e.recipientId ? guest.get(e.recipientId) || t('guest') : t('link')),
      h('td', { class: 'mono small' }, e.clientAddress),
      h('td', { class: 'small', title: e.userAgent }, browser(e.userAgent)))));
  };
  const types = [...new Set(events.map((e) => e.type))];
  const chips = h('div', { class: 'filters', role: 'group', 'aria-label': t('activity-event-type') },
    [['', t('all')], ...types.map((type) => [type, eventLabel(type)])].map(([v, l]) => h('button', { type: 'button', class: 'chip-filter', 'aria-pressed': String(v === filter), dataset: { t: v },
      onclick: () => { filter = v; for (const c of chips.children) c.setAttribute('aria-pressed', String(c.dataset.t === v)); draw(); } }, l)));
  draw();
  panel.append(h('div', { class: 'row' }, chips, h('span', { class: 'grow' }), h('span', { class: 'muted small' }, t('n-events', { count: events.length }))), h('div', { class: 'section-space' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'events' },
      h('thead', null, h('tr', null, h('th', null, t('when')), h('th', null, t('activity-event')), h('th', null, t('asset')), h('th', null, t('activity-variant')), h('th', { class: 'num' }, t('activity-bytes')), h('th', null, t('activity-by')), h('th', null, t('address')), h('th', null, t('activity-browser')))),
      tbody)));
}

async function settingsTab({ share, set, panel, policy, writable }) {
  const s = share();
  const title = h('input', { type: 'text', value: s.title, required: true, maxlength: 200 });
  const description = h('textarea', { rows: 2 }, s.description || '');
  const expiry = expiryControl(policy, { current: s.expiresAt, optional: true });
  const maxUses = h('input', { type: 'number', min: 1, step: 1, placeholder: t('unlimited'), value: s.maxUses ?? '', id: 'settings-max-uses' });
  const options = optionControls(policy, s, []);
  const language = languageControl('settings-language', s.language);
  const pw = passwordControl(s.hasPassword ? t('settings-new-password') : t('no-password'));
  let clearPassword = false;
  const pwState = h('span', { class: 'hint' }, s.hasPassword ? t('settings-password-set') : t('settings-no-password'));
  const removePw = s.hasPassword ? h('button', { type: 'button', class: 'btn small', onclick: () => { clearPassword = true; pw.input.value = ''; pwState.textContent = t('settings-password-removed-on-save'); } }, t('settings-remove-password')) : null;
  const error = h('p', { class: 'error-text', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'btn primary', disabled: !writable }, t('save-changes'));

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
      toast(t('settings-saved'));
      go(`/shares/${s.id}?tab=settings`);
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } },
  h('header', null, h('h2', null, t('settings-title'))),
  h('div', { class: 'body stack' },
    field(t('title'), title), field(t('description'), description),
    h('div', { class: 'section' }, expiry.node),
    h('div', { class: 'section stack' },
      policy.allow.maxUses || s.maxUses ? field(t('max-uses'), maxUses, t('settings-uses-so-far', { count: s.uses })) : null,
      policy.allow.password || s.hasPassword ? h('div', { class: 'field' }, h('label', { for: pw.input.id }, t('password')), pw.node, h('div', { class: 'row' }, pwState, removePw)) : null),
    h('div', { class: 'section' }, options.node),
    h('div', { class: 'section' }, language.node),
    error, h('div', { class: 'row' }, h('span', { class: 'grow' }), save)));

  const danger = h('section', { class: 'panel danger-zone' }, h('header', null, h('h2', null, t('danger-zone'))),
    h('div', { class: 'body stack' },
      h('div', { class: 'row' }, h('div', { class: 'grow' }, h('strong', null, s.enabled ? t('settings-disable-link') : t('settings-enable-link')), h('p', { class: 'muted small' }, s.enabled ? t('settings-disable-hint') : t('settings-enable-hint'))),
        h('button', { class: 'btn', type: 'button', id: 'settings-toggle', disabled: !writable, onclick: async () => {
          try { set(await patch(`/shares/${s.id}`, { enabled: !s.enabled })); go(`/shares/${s.id}?tab=settings`); } catch (e) { toast(e.message, 'bad'); }
        } }, s.enabled ? t('disable') : t('enable'))),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, h('strong', null, t('settings-delete-link')), h('p', { class: 'muted small' }, t('settings-delete-hint'))),
        h('button', { class: 'btn danger', type: 'button', id: 'delete-share', disabled: !writable, onclick: async () => {
          if (!await confirmDialog({ title: t('delete-named', { name: s.title }), message: t('settings-delete-message', { visits: s.visits, downloads: s.downloads }), confirm: t('settings-delete-confirm') })) return;
          try { await del(`/shares/${s.id}`); toast(t('link-deleted')); go('/shares'); } catch (e) { toast(e.message, 'bad'); }
        } }, icon('trash'), t('delete')))));
  panel.append(h('div', { class: 'settings-grid' }, form, h('div', null, danger,
    h('section', { class: 'panel' }, h('header', null, h('h2', null, t('settings-summary'))), h('div', { class: 'body' }, h('dl', { class: 'facts' },
      h('dt', null, t('created')), h('dd', null, dateTime(s.createdAt)),
      h('dt', null, t('expires')), h('dd', null, dateTime(s.expiresAt)),
      h('dt', null, t('access')), h('dd', null, s.access === 'view' ? t('view-only') : t('preview-and-download')),
      h('dt', null, t('password')), h('dd', null, s.hasPassword ? t('yes') : t('no')),
      h('dt', null, t('watermark')), h('dd', null, s.watermark ? t('yes') : t('no'))))))));
}
