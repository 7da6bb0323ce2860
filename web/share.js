// Progressive enhancement of the recipient landing page: grid/list switch, local dates,
// download menus that close like menus, and a lightbox (images, video, audio) with keyboard
// navigation. Without this file the page still works: links open the files.

// The icons of the team app: symbols of /static/icons.svg.
import { icon, trapFocus } from './js/elements.js';

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

// ----- grid / list -----
const views = document.querySelector('.views');
if (views && document.getElementById('assets')) {
  views.hidden = false;
  const apply = (mode) => {
    document.body.classList.toggle('view-list', mode === 'list');
    for (const b of views.querySelectorAll('[data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === mode));
  };
  let saved = null;
  try { saved = localStorage.getItem('handoff.view'); } catch { /* storage may be off */ }
  apply(saved === 'list' ? 'list' : 'grid');
  views.addEventListener('click', (e) => {
    const b = e.target.closest('[data-view]');
    if (!b) return;
    apply(b.dataset.view);
    try { localStorage.setItem('handoff.view', b.dataset.view); } catch { /* ignore */ }
  });
}

// ----- dates in the reader's own time zone -----
// In the page's language (the server chose it), in the reader's own time zone.
const fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
for (const t of document.querySelectorAll('time[datetime]')) {
  const d = new Date(t.getAttribute('datetime'));
  if (!Number.isNaN(d.getTime())) {
    t.title = t.textContent;
    t.textContent = fmt.format(d);
  }
}

// ----- menus: one open at a time; Escape and outside clicks close them -----
function closeMenus(except) {
  for (const m of document.querySelectorAll('details.menu[open]')) if (m !== except) m.open = false;
}
document.addEventListener('click', (e) => {
  const menu = e.target.closest('details.menu');
  closeMenus(menu);
  if (menu && e.target.closest('.menu li a')) setTimeout(() => { menu.open = false; }, 0);
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  const open = document.querySelector('details.menu[open]');
  if (open) {
    open.open = false;
    open.querySelector('summary').focus();
    e.stopPropagation();
  }
});

// ----- lightbox -----
const items = [...document.querySelectorAll('.asset[data-preview], .asset[data-media]')];
// The words of the page's language, from the server.
const words = document.getElementById('assets')?.dataset || {};
const pageOf = (page, total) => words.page.replace('{page}', page).replace('{total}', total);
let dialog = null;
let current = -1;
let opener = null;

function buildDialog() {
  const stage = el('div', { class: 'stage' });
  const title = el('div', { class: 'lb-title', id: 'lb-title' });
  const count = el('div', { class: 'lb-count', 'aria-live': 'polite' });
  const close = el('button', { class: 'lb-button', type: 'button', 'aria-label': words.close, title: `${words.close} (Esc)`, onclick: () => dialog.close() }, icon('x'));
  const prev = el('button', { class: 'lb-button lb-prev', type: 'button', 'aria-label': words.previous, title: `${words.previous} (←)`, onclick: () => show(current - 1) }, icon('back'));
  const next = el('button', { class: 'lb-button lb-next', type: 'button', 'aria-label': words.next, title: `${words.next} (→)`, onclick: () => show(current + 1) }, icon('next'));
  const bottom = el('div', { class: 'lb-bottom' });
  const d = el('dialog', { class: 'lightbox', 'aria-labelledby': 'lb-title' },
    el('div', { class: 'lb-top' }, title, count, close), stage, prev, next, bottom);
  d.addEventListener('keydown', (e) => {
    if (e.target.closest('video, audio') && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
    if (e.key === 'ArrowLeft') { e.preventDefault(); show(current - 1); }
    if (e.key === 'ArrowRight') { e.preventDefault(); show(current + 1); }
    if (e.key === 'Home') { e.preventDefault(); show(0); }
    if (e.key === 'End') { e.preventDefault(); show(items.length - 1); }
  });
  trapFocus(d);
  d.addEventListener('click', (e) => { if (e.target === d || e.target === stage) d.close(); });
  d.addEventListener('close', () => {
    stage.replaceChildren();
    document.body.classList.remove('lightbox-open');
    if (opener) opener.focus();
  });
  document.body.append(d);
  d.parts = { stage, title, count, prev, next, bottom };
  return d;
}

function show(index) {
  if (!items.length) return;
  current = (index + items.length) % items.length;
  const item = items[current];
  const name = item.querySelector('.name')?.textContent || '';
  const { stage, title, count, prev, next, bottom } = dialog.parts;
  title.textContent = name;
  count.textContent = items.length > 1 ? `${current + 1} / ${items.length}` : '';
  prev.hidden = next.hidden = items.length < 2;
  let media;
  if (item.dataset.media) {
    const video = item.dataset.kind === 'video';
    media = el(video ? 'video' : 'audio', { src: item.dataset.media, controls: '', autoplay: '', preload: 'metadata', playsinline: '' });
    media.setAttribute('aria-label', name);
  } else {
    media = el('img', { src: item.dataset.preview, alt: name });
  }
  stage.replaceChildren(media);
  const get = item.querySelector('.get');
  bottom.replaceChildren(...(get ? [...get.children].map((c) => c.cloneNode(true)) : []));
  if (Number(item.dataset.pages) > 1) bottom.prepend(pager(item, media, name));
  // Warm the neighbours so arrows feel instant.
  for (const n of [items[(current + 1) % items.length], items[(current - 1 + items.length) % items.length]]) {
    if (n?.dataset.preview && !n.dataset.media) { const i = new Image(); i.src = n.dataset.preview; }
  }
}

// A document's pages, one at a time at preview size: it can be read without downloading it.
function pager(item, img, name) {
  const total = Number(item.dataset.pages);
  let page = 1;
  const label = el('span', { class: 'lb-page', 'aria-live': 'polite' }, pageOf(1, total));
  const turn = (by) => {
    page = Math.min(total, Math.max(1, page + by));
    img.src = item.dataset.pageUrl.replace('{n}', page);
    img.alt = `${name}, ${pageOf(page, total)}`;
    label.textContent = pageOf(page, total);
  };
  const button = (label, by) => el('button', { class: 'lb-button', type: 'button', 'aria-label': label, title: label, onclick: () => turn(by) }, icon(by < 0 ? 'back' : 'next'));
  return el('div', { class: 'lb-pager' }, button(words.previousPage, -1), label, button(words.nextPage, 1));
}

document.addEventListener('click', (e) => {
  const link = e.target.closest('a.thumb[data-open]');
  if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  const item = link.closest('.asset');
  const index = items.indexOf(item);
  if (index < 0) return;
  e.preventDefault();
  opener = link;
  dialog = dialog || buildDialog();
  show(index);
  if (!dialog.open) dialog.showModal();
  document.body.classList.add('lightbox-open');
});
