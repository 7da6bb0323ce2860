// The team app: sign-in, the shell (sidebar + page) and a hash router.
import { h, clear, icon, initials, toast, field } from './dom.js';
import { session, signIn, signOut, restore, get, patch, isAdmin, ApiError } from './api.js';
import { assetsView } from './assets.js';
import { assetView } from './asset.js';
import { collectionsView } from './collections.js';
import { sharesView, shareView } from './shares.js';
import { usersView, policyView } from './admin.js';
import { webhooksView } from './webhooks.js';
import { t, lang, loadLanguage, languageMenu } from './i18n.js';
import { accountView, enrolmentOnly } from './account.js';
import { searchesView } from './searches.js';
import { requestsView, requestView } from './requests.js';
import { domainsView, domainSwitcher, loadDomains } from './domains.js';

const root = document.getElementById('app');
export const state = { brand: 'handoff', collections: [], sso: null, passwordLogin: true };

const routes = [
  [/^\/assets\/([0-9a-f-]{36})$/, assetView],
  [/^\/assets$/, assetsView],
  [/^\/collections\/([0-9a-f-]{36})$/, (ctx, el) => assetsView({ ...ctx, collection: ctx.params[0] }, el)],
  [/^\/collections$/, collectionsView],
  [/^\/shares\/([0-9a-f-]{36})$/, shareView],
  [/^\/shares$/, sharesView],
  [/^\/requests\/([0-9a-f-]{36})$/, requestView],
  [/^\/requests$/, requestsView],
  [/^\/admin\/shares$/, (ctx, el) => sharesView({ ...ctx, admin: true }, el)],
  [/^\/admin\/users$/, usersView],
  [/^\/admin\/policy$/, policyView],
  [/^\/admin\/webhooks$/, webhooksView],
  [/^\/account$/, accountView],
  [/^\/searches$/, searchesView],
  [/^\/admin\/domains$/, domainsView],
];

export function go(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = path;
}

/** The hash's path and query: #/assets?q=cat → {path: '/assets', query: URLSearchParams} */
function current() {
  const raw = location.hash.replace(/^#/, '') || '/assets';
  const [path, search] = raw.split('?');
  return { path, query: new URLSearchParams(search || '') };
}

/** Changes the query part of the hash without adding a history entry. */
export function setQuery(params) {
  const { path, query } = current();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') query.delete(k);
    else query.set(k, v);
  }
  const s = query.toString();
  history.replaceState(null, '', `#${path}${s ? `?${s}` : ''}`);
}

let shell = null;
let generation = 0;

async function route() {
  if (!session.me) return;
  const { path, query } = current();
  if (!shell) buildShell();
  markNav(path);
  const page = shell.page;
  const gen = ++generation;
  clear(page);
  page.append(h('div', { class: 'loading' }, h('span', { class: 'spinner' })));
  for (const [pattern, view] of routes) {
    const m = path.match(pattern);
    if (!m) continue;
    try {
      const container = h('div', { class: 'view' });
      await view({ params: m.slice(1), query, isCurrent: () => gen === generation }, container);
      if (gen !== generation) return;
      clear(page).append(container);
      const heading = container.querySelector('h1');
      document.title = `${heading ? heading.textContent : 'handoff'} · ${state.brand}`;
    } catch (e) {
      if (gen !== generation) return;
      clear(page).append(errorView(e));
    }
    return;
  }
  go('/assets');
}

function errorView(e) {
  const notFound = e instanceof ApiError && e.status === 404;
  return h('div', { class: 'page-body' }, h('div', { class: 'empty' },
    icon(notFound ? 'search' : 'x', 'big'),
    h('h2', null, notFound ? t('not-found') : t('went-wrong')),
    h('p', null, notFound ? t('not-found-hint') : e.message),
    h('a', { class: 'btn', href: '#/assets' }, t('back-to-assets'))));
}

function navLink(href, iconName, label, extra) {
  return h('a', { href: `#${href}`, dataset: { path: href } }, icon(iconName), h('span', { class: 'ellipsis' }, label), extra);
}

function buildShell() {
  const me = session.me;
  const page = h('main', { class: 'main', id: 'page', tabindex: '-1' });
  const collections = h('div', { class: 'nav', id: 'nav-collections' });
  const nav = h('nav', { class: 'nav', 'aria-label': t('nav-main') },
    navLink('/assets', 'image', t('nav-assets')),
    navLink('/collections', 'folder', t('nav-collections')),
    collections,
    navLink('/searches', 'search', t('nav-searches')),
    navLink('/shares', 'link', t('nav-shares')),
    navLink('/requests', 'upload', t('nav-requests')),
    navLink('/account', 'shield', t('nav-account')));
  const admin = isAdmin() ? [
    h('div', { class: 'nav-section' }, t('nav-admin')),
    h('nav', { class: 'nav', 'aria-label': t('nav-admin') },
      navLink('/admin/shares', 'shield', t('nav-all-shares')),
      navLink('/admin/users', 'users', t('nav-users')),
      navLink('/admin/policy', 'settings', t('nav-policy')),
      navLink('/admin/webhooks', 'code', t('nav-webhooks')),
      navLink('/admin/domains', 'folder', t('nav-domains'))),
  ] : [];
  const sidebar = h('aside', { class: 'sidebar' },
    h('a', { class: 'brand', href: '#/assets' }, h('span', { class: 'logo' }, icon('send')), h('span', { id: 'brand-name' }, state.brand)),
    domainSwitcher(route), nav, admin, languageMenu((code) => patch('/me', { language: code })),
    h('div', { class: 'me' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(me)),
      h('span', { class: 'who' },
        h('strong', { class: 'ellipsis' }, me.displayName || me.email),
        h('span', { class: 'ellipsis muted small' }, `${me.email} · ${t('role', { role: me.role })}`)),
      h('button', { class: 'btn ghost icon-only', title: t('sign-out'), 'aria-label': t('sign-out'), id: 'sign-out', onclick: async () => { await signOut(); location.hash = ''; showSignIn(); } }, icon('logout'))));
  clear(root).append(h('div', { class: 'shell' }, sidebar, page));
  shell = { page, collections };
  refreshCollections();
}

export async function refreshCollections() {
  if (!shell) return;
  try {
    const list = await get('/collections');
    state.collections = list.items;
  } catch { state.collections = []; }
  clear(shell.collections);
  for (const c of state.collections.slice(0, 12)) {
    const link = navLink(`/collections/${c.id}`, 'folder', c.name, h('span', { class: 'count' }, c.assetIds.length));
    link.classList.add('sub');
    shell.collections.append(link);
  }
  markNav(current().path);
}

function markNav(path) {
  const links = [...root.querySelectorAll('.nav a')];
  const exact = links.find((a) => a.dataset.path === path);
  for (const a of links) {
    const on = exact ? a === exact : path.startsWith(`${a.dataset.path}/`);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function showSignIn(message) {
  shell = null;
  session.me = null;
  document.title = `${t('sign-in')} · ${state.brand}`;
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  // Asked for once the server says the account has two-factor on.
  const code = h('input', { name: 'code', id: 'sign-in-code', inputmode: 'numeric', autocomplete: 'one-time-code' });
  const codeField = field(t('sign-in-code'), code);
  codeField.hidden = true;
  const error = h('p', { class: 'error-text', role: 'alert', hidden: !message }, message || '');
  const button = h('button', { type: 'submit', class: 'btn primary' }, t('sign-in'));
  const form = h('form', {
    class: 'stack', id: 'sign-in',
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      error.hidden = true;
      try {
        const me = await signIn(email.value.trim(), password.value, codeField.hidden ? undefined : code.value.trim());
        if (me.totpEnrolmentRequired) enrolmentOnly(root, me, showSignIn);
        else start();
      } catch (err) {
        button.disabled = false;
        if (err.code === 'totp_required' || err.code === 'totp_invalid') {
          codeField.hidden = false;
          error.textContent = err.code === 'totp_invalid' ? t('sign-in-code-wrong') : t('sign-in-code-needed');
          error.hidden = false;
          code.value = '';
          code.focus();
          return;
        }
        error.textContent = err.status === 401 ? t('sign-in-wrong') : err.message;
        error.hidden = false;
        password.select();
      }
    },
  }, field(t('sign-in-email'), email), field(t('sign-in-password'), password), codeField, error, button);
  const sso = state.sso ? h('a', { class: 'btn', id: 'sso', href: '/auth/oidc/start' }, state.sso) : null;
  clear(root).append(h('div', { class: 'signin' }, h('div', { class: 'card' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, icon('send')), h('span', null, state.brand)),
    h('h1', null, t('sign-in')),
    h('p', { class: 'muted' }, t('sign-in-tagline')),
    state.passwordLogin ? form : error,
    sso, languageMenu())));
  if (state.passwordLogin) email.focus();
}

async function start() {
  shell = null;
  // Emails to this member (news of their shares) come in the app's language until they choose.
  if (!session.me.language) patch('/me', { language: lang }).catch(() => {});
  if (!location.hash || location.hash === '#' || location.hash === '#/') history.replaceState(null, '', '#/assets');
  await loadDomains();
  route();
}

async function boot() {
  await loadLanguage();
  try {
    const b = await fetch('/api/v1/branding', { headers: { accept: 'application/json' } });
    if (b.ok) {
      const brand = await b.json();
      state.brand = brand.name || state.brand;
      state.sso = brand.ssoButtonLabel || null;
      state.passwordLogin = brand.passwordLogin !== false;
    }
  } catch { /* optional */ }
  session.onSignedOut = () => { if (session.me) { toast(t('session-ended'), 'bad'); showSignIn(); } };
  window.addEventListener('hashchange', route);
  try {
    const me = await restore();
    if (me.totpEnrolmentRequired) enrolmentOnly(root, me, showSignIn);
    else start();
  } catch {
    showSignIn();
  }
}

boot();
