// The team app's language: the one chosen in its language menu (kept in this browser), else
// the browser's first offered one, else English. Messages come from the same Fluent
// catalogues as the server's (web/locales/<lang>/app.ftl), formatted by @fluent/bundle;
// dates, times and sizes by the browser's Intl in that language.
import { FluentBundle, FluentResource } from '../vendor/fluent-bundle/index.js';
import { h } from './elements.js';

export const LANGUAGES = [['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español'], ['nl', 'Nederlands'], ['ja', '日本語']];
const STORED = 'handoff.lang';
const offered = (code) => LANGUAGES.some(([c]) => c === code);

function chosen() {
  let stored = null;
  try { stored = localStorage.getItem(STORED); } catch { /* private mode */ }
  if (offered(stored)) return stored;
  const browser = (navigator.languages || [navigator.language]).map((l) => String(l).split('-')[0].toLowerCase());
  return browser.find(offered) || 'en';
}

export let lang = 'en';
let bundles = [];

/** The app's words and the API's error messages (errors.ftl, shared with the server). */
async function bundleOf(code) {
  const bundle = new FluentBundle(code, { useIsolating: false });
  const answers = await Promise.all(['app', 'errors'].map((file) => fetch(`/static/locales/${code}/${file}.ftl`)));
  for (const answer of answers) if (answer.ok) bundle.addResource(new FluentResource(await answer.text()));
  return bundle;
}

/** Loads the chosen language (and English, for anything it lacks); call once before drawing. */
export async function loadLanguage() {
  lang = chosen();
  document.documentElement.lang = lang;
  try {
    bundles = await Promise.all([...new Set([lang, 'en'])].map(bundleOf));
  } catch { bundles = []; }
}

/** Keeps `code` as this browser's language for the app (and, through `remember`, as the
 *  account's: the language of its emails) and draws the app in it. */
async function chooseLanguage(code, remember) {
  try { localStorage.setItem(STORED, code); } catch { /* private mode */ }
  try { await remember?.(code); } catch { /* the menu still changes this browser */ }
  location.reload();
}

/** The message `id` in the app's language, with its arguments. A missing or odd argument
 *  shows as its name in braces rather than stopping the screen (Fluent collects, not throws). */
export function t(id, args) {
  for (const bundle of bundles) {
    const message = bundle.getMessage(id);
    if (message?.value) return bundle.formatPattern(message.value, args, []);
  }
  return id;
}

/** An API error in the app's language; every toast and form shows errors through this.
 *  Other languages get the catalogue's message for the error's code (errors.ftl), with the
 *  seconds of Retry-After, or for a code no catalogue knows the generic one naming the code:
 *  never the server's English. English readers keep the server's own message, which is
 *  theirs already and names the detail (which field, which limit). */
export function errorText(code, { detail, seconds } = {}) {
  if (lang === 'en' && detail) return detail;
  const id = `error-${code}`;
  if (!bundles.some((bundle) => bundle.hasMessage(id))) return t('error-other', { code });
  return t(id, { seconds: seconds ?? '?' });
}

/** The language menu: a labelled <select> of the languages, each named in itself;
 *  `remember(code)`, when given, keeps the choice beyond this browser. */
export function languageMenu(remember) {
  const select = h('select', { id: 'language', 'aria-label': t('language'), onchange: () => chooseLanguage(select.value, remember) },
    ...LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, selected: code === lang }, name)));
  return h('label', { class: 'language-menu' }, h('span', null, t('language')), select);
}
