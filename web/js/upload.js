// Uploads over tus (resumable, /api/v1/uploads) with tus-js-client, vendored in
// /static/vendor/tus.min.js (MIT): three files at a time, pause and resume, automatic retry
// after a dropped connection, resume after a page reload when the same file is added again
// (tus-js-client keeps fingerprints in localStorage), speed and time left.
import { h, icon, bytes, clear, toast } from './dom.js';
import { get, session, ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { currentDomain } from './domains.js';

/** Chunks stay under the 100 MB body cap that many proxies have. */
const CHUNK = 64 * 1024 * 1024;
/** After a dropped connection: try again at once, then less and less often, for minutes. */
const RETRY_DELAYS = [0, 1000, 2000, 5000, 10000, 20000, 30000, 30000, 60000, 60000];
const PARALLEL = 3;

let panel = null;
const queue = [];
let running = 0;
const listeners = new Set();

/** "42 %" as the app's language writes a percentage. */
const percent = (n) => new Intl.NumberFormat(lang, { style: 'percent' }).format(n / 100);

/** Called with each uploaded asset. */
export function onUploaded(fn) { listeners.add(fn); return () => listeners.delete(fn); }

function ensurePanel() {
  if (panel && panel.el.isConnected) return panel;
  const list = h('ul', { 'aria-label': t('files') });
  const overallBar = h('progress', { max: 100, value: 0, 'aria-label': t('upload-overall-progress') });
  const overallText = h('span', { class: 'small muted' });
  const title = h('strong', null, t('upload-uploading'));
  const closeBtn = h('button', { class: 'btn ghost small icon-only', 'aria-label': t('upload-close'), title: t('close'), onclick: () => { el.remove(); panel = null; } }, icon('x'));
  const el = h('section', { class: 'uploads', 'aria-label': t('upload-panel'), id: 'uploads' },
    h('header', null, icon('upload'), title, closeBtn),
    h('div', { class: 'overall' }, h('div', { class: 'row small' }, h('span', { class: 'grow' }, t('upload-overall')), overallText), overallBar),
    list);
  document.body.append(el);
  panel = { el, list, overallBar, overallText, title, items: [] };
  return panel;
}

function refreshOverall() {
  const p = panel;
  if (!p) return;
  const total = p.items.reduce((s, i) => s + i.file.size, 0) || 1;
  const loaded = p.items.reduce((s, i) => s + (i.state === 'done' ? i.file.size : i.loaded), 0);
  const done = p.items.filter((i) => i.state === 'done').length;
  const failed = p.items.filter((i) => i.state === 'failed').length;
  const pct = Math.round((loaded / total) * 100);
  p.overallBar.value = pct;
  p.overallText.textContent = `${t('count-of', { count: done, max: p.items.length })} · ${percent(pct)}`;
  const busy = p.items.some((i) => ['queued', 'sending', 'paused'].includes(i.state));
  p.title.textContent = busy ? t('upload-uploading-files', { count: p.items.length - done - failed })
    : failed ? t('upload-some-failed', { done, failed }) : t('upload-uploaded', { count: done });
  p.el.dataset.state = busy ? 'busy' : 'done';
}

export function upload(files) {
  const p = ensurePanel();
  for (const file of files) {
    const bar = h('progress', { max: 100, value: 0, 'aria-label': t('upload-progress-of', { name: file.name }) });
    const pct = h('span', { class: 'pct small muted', 'aria-live': 'polite' }, t('upload-waiting'));
    const toggle = h('button', { class: 'btn ghost small', type: 'button', hidden: true }, t('upload-pause'));
    const li = h('li', { class: 'queued' }, h('div', { class: 'row' }, h('span', { class: 'grow ellipsis' }, file.name), h('span', { class: 'small muted' }, bytes(file.size)), pct, toggle), bar);
    const item = { file, li, bar, pct, toggle, loaded: 0, state: 'queued', rate: null };
    toggle.onclick = () => (item.state === 'paused' ? resume(item) : pause(item));
    p.items.push(item);
    p.list.append(li);
    queue.push(item);
  }
  refreshOverall();
  pump();
}

function show(item, state, text) {
  item.state = state;
  item.li.className = state;
  item.pct.textContent = text;
}

function pause(item) {
  item.upload?.abort();
  show(item, 'paused', t('upload-paused'));
  item.toggle.textContent = t('upload-resume');
  refreshOverall();
}

function resume(item) {
  item.toggle.textContent = t('upload-pause');
  show(item, 'sending', t('upload-resuming'));
  item.last = null;
  item.upload.start();
}

/** "42% · 12 MB/s · 1 min left", from a moving average of the rate. */
function progressText(item, loaded, total) {
  const now = performance.now();
  if (item.last) {
    const seconds = (now - item.last.at) / 1000;
    if (seconds > 0.2) {
      const rate = (loaded - item.last.loaded) / seconds;
      item.rate = item.rate === null ? rate : item.rate * 0.7 + rate * 0.3;
      item.last = { at: now, loaded };
    }
  } else {
    item.last = { at: now, loaded };
  }
  const pct = percent(Math.floor((loaded / total) * 100));
  if (!item.rate || item.rate <= 0) return pct;
  const left = (total - loaded) / item.rate;
  const time = left < 60 ? t('upload-seconds-left', { count: Math.ceil(left) }) : t('upload-minutes-left', { count: Math.ceil(left / 60) });
  return `${pct} · ${t('upload-rate', { size: bytes(item.rate) })} · ${time}`;
}

/** Starts `item` with tus, resuming an earlier upload of the same file if there is one. */
function send(item) {
  return new Promise((resolve, reject) => {
    let assetId = null;
    const upload = new window.tus.Upload(item.file, {
      endpoint: '/api/v1/uploads',
      chunkSize: CHUNK,
      retryDelays: RETRY_DELAYS,
      metadata: { filename: item.file.name, filetype: item.file.type || 'application/octet-stream', ...(currentDomain() ? { domain: currentDomain() } : {}) },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: (req) => {
        req.setHeader('x-csrf-token', session.csrf || '');
        req.getUnderlyingObject().withCredentials = true;
      },
      onAfterResponse: (_req, res) => { assetId = res.getHeader('handoff-asset-id') || assetId; },
      onProgress: (loaded, total) => {
        item.loaded = Math.min(loaded, item.file.size);
        item.bar.value = Math.floor((loaded / total) * 100);
        if (item.state === 'sending') item.pct.textContent = progressText(item, loaded, total);
        refreshOverall();
      },
      onShouldRetry: (err, _attempt, options) => {
        const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
        if (status === 0 || status === 409 || status === 423 || status >= 500) {
          if (item.state === 'sending') item.pct.textContent = t('upload-retrying');
          return true;
        }
        return false;
      },
      onSuccess: () => (assetId ? get(`/assets/${assetId}`).then(resolve, reject) : reject(new Error(t('upload-no-asset')))),
      onError: (err) => reject(new Error(tusMessage(err))),
    });
    item.upload = upload;
    upload.findPreviousUploads().then((previous) => {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}

/** A failed upload's words in the app's language, from the API's error code. */
function tusMessage(err) {
  const response = err.originalResponse;
  if (!response) return new ApiError(0, 'network').message;
  let error = null;
  try { error = JSON.parse(response.getBody()).error; } catch { /* no JSON body */ }
  return new ApiError(response.getStatus(), error?.code, error?.message, response.getHeader('retry-after')).message;
}

function pump() {
  while (running < PARALLEL && queue.length) {
    const item = queue.shift();
    running++;
    show(item, 'sending', percent(0));
    item.toggle.hidden = false;
    send(item).then((asset) => {
      show(item, 'done', t('done'));
      item.bar.value = 100;
      for (const fn of listeners) fn(asset);
    }).catch((e) => {
      show(item, 'failed', t('upload-failed'));
      item.li.title = e.message;
      toast(`${item.file.name}: ${e.message}`, 'bad');
    }).finally(() => {
      item.toggle.hidden = true;
      running--;
      refreshOverall();
      pump();
    });
  }
}

/** A hidden file input and the button that opens it. */
export function uploadButton(label = t('upload')) {
  const input = h('input', { type: 'file', multiple: true, class: 'sr-only', id: 'file-input', tabindex: '-1', 'aria-hidden': 'true',
    onchange: () => { if (input.files.length) upload([...input.files]); input.value = ''; } });
  const button = h('button', { class: 'btn primary', type: 'button', onclick: () => input.click() }, icon('upload'), label);
  return [button, input];
}

/** Makes the whole window a drop target while `owner` is in the page. */
export function dropTarget(owner) {
  let depth = 0;
  let overlay = null;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  const show = () => {
    if (overlay) return;
    overlay = h('div', { class: 'dropzone' }, h('div', { class: 'msg' }, icon('upload'), t('upload-drop')));
    document.body.append(overlay);
  };
  const hide = () => { depth = 0; overlay?.remove(); overlay = null; };
  const handlers = {
    dragenter: (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; show(); },
    dragover: (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; },
    dragleave: (e) => { if (!hasFiles(e)) return; depth--; if (depth <= 0) hide(); },
    drop: (e) => { if (!hasFiles(e)) return; e.preventDefault(); hide(); const files = [...e.dataTransfer.files]; if (files.length) upload(files); },
  };
  for (const [k, fn] of Object.entries(handlers)) window.addEventListener(k, fn);
  const check = setInterval(() => {
    if (!owner.isConnected && owner.dataset.mounted) {
      for (const [k, fn] of Object.entries(handlers)) window.removeEventListener(k, fn);
      clearInterval(check);
      hide();
    }
    if (owner.isConnected) owner.dataset.mounted = '1';
  }, 500);
}

export { clear };
