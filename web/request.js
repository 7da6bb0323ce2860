// The page of an upload request link (/u/TOKEN): files dropped on the page or chosen go up
// with tus-js-client (vendored at /static/vendor/tus.min.js, MIT) to /u/TOKEN/uploads —
// resumable, retried after a dropped connection — each with its progress; the files this
// visit sent are listed from /u/TOKEN/files, each with a button that removes it while the link
// is open. The optional name and email are asked once and remembered in this browser.

const section = document.querySelector('.intake');
const base = `/u/${section.dataset.token}`;
const list = document.getElementById('sent');
const none = document.getElementById('none');
const count = document.getElementById('count');
const input = document.getElementById('file-input');
const drop = document.getElementById('drop');
// The words of the page's language, from the server ({name}, {status}, {received} filled in here).
const words = section.dataset;
const who = { name: document.getElementById('uploader-name'), email: document.getElementById('uploader-email') };

/** Chunks stay under the 100 MB body cap that many proxies have. */
const CHUNK = 64 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000];
const REMEMBERED = 'handoff-uploader';

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  const number = value.toLocaleString(document.documentElement.lang || undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number} ${units[unit]}`;
}

/** tus-js-client, loaded once (a classic script: it sets window.tus). */
let tusLoaded = null;
function loadTus() {
  tusLoaded ||= new Promise((resolve, reject) => {
    if (window.tus) { resolve(); return; }
    const script = el('script', { src: '/static/vendor/tus.min.js' });
    script.onload = resolve;
    script.onerror = () => reject(new Error(errors.network));
    document.head.append(script);
  });
  return tusLoaded;
}

function remember() {
  localStorage.setItem(REMEMBERED, JSON.stringify({ name: who.name.value.trim(), email: who.email.value.trim() }));
}

function recall() {
  try {
    const kept = JSON.parse(localStorage.getItem(REMEMBERED) || '{}');
    who.name.value ||= kept.name || '';
    who.email.value ||= kept.email || '';
  } catch { /* nothing kept */ }
}

function showEmpty() {
  none.hidden = list.children.length > 0;
}

/** A row for a file this visit sent (or is sending). */
function row(name, size) {
  const bar = el('progress', { max: '100', value: '0', 'aria-label': words.progress.replace('{name}', name) });
  const state = el('span', { class: 'state muted small', 'aria-live': 'polite' }, words.waiting);
  const remove = el('button', { type: 'button', class: 'button secondary remove', hidden: '' }, words.remove);
  const li = el('li', { class: 'sending' },
    el('span', { class: 'file-name' }, name), el('span', { class: 'muted small' }, bytes(size)), state, remove, bar);
  list.append(li);
  showEmpty();
  return { li, bar, state, remove };
}

function done(item, id) {
  item.li.className = 'done';
  item.li.dataset.id = id;
  item.bar.value = 100;
  item.bar.hidden = true;
  item.state.textContent = words.sent;
  item.remove.hidden = false;
  item.remove.onclick = () => removeFile(item, id);
}

async function removeFile(item, id) {
  item.remove.disabled = true;
  const answer = await fetch(`${base}/files/${id}`, { method: 'DELETE', credentials: 'same-origin' });
  if (answer.ok || answer.status === 404) {
    item.li.remove();
    showEmpty();
    refresh();
  } else {
    item.remove.disabled = false;
    item.state.textContent = await problem(answer);
  }
}

/** An API error (`{code, message}`, or null when the answer had none) in the page's language:
 *  the message for its code, the seconds of Retry-After filled in, a code this page does not
 *  know named — never the server's English, except for English readers, for whom it names
 *  the detail (which type, which limit), as in the team app. */
const errors = JSON.parse(words.errors || '{}');
function errorText(error, status, retryAfter) {
  if (!error?.code) return words.failed.replace('{status}', status);
  if (document.documentElement.lang === 'en' && error.message) return error.message;
  const text = errors[error.code] ?? (errors.other || '{code}').replace('{code}', error.code);
  return text.replace('{seconds}', retryAfter || '?');
}

async function problem(answer) {
  const error = await answer.json().then((data) => data.error, () => null);
  return errorText(error, answer.status, answer.headers.get('retry-after'));
}

function tusProblem(err) {
  const response = err.originalResponse;
  if (!response) return errors.network;
  let error = null;
  try { error = JSON.parse(response.getBody()).error; } catch { /* no JSON body */ }
  return errorText(error, response.getStatus(), response.getHeader('retry-after'));
}

async function send(file) {
  const item = row(file.name, file.size);
  try {
    await loadTus();
  } catch (e) {
    item.li.className = 'failed';
    item.state.textContent = e.message;
    return;
  }
  remember();
  const metadata = { filename: file.name, filetype: file.type || 'application/octet-stream' };
  if (who.name.value.trim()) metadata.uploaderName = who.name.value.trim();
  if (who.email.value.trim()) metadata.uploaderEmail = who.email.value.trim();
  let assetId = null;
  const upload = new window.tus.Upload(file, {
    endpoint: `${base}/uploads`,
    chunkSize: CHUNK,
    retryDelays: RETRY_DELAYS,
    metadata,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onAfterResponse: (_req, res) => { assetId = res.getHeader('handoff-asset-id') || assetId; },
    onProgress: (loaded, total) => {
      const pct = Math.floor((loaded / total) * 100);
      item.bar.value = pct;
      item.state.textContent = `${pct}%`;
    },
    onShouldRetry: (err) => {
      const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
      return status === 0 || status === 409 || status === 423 || status >= 500;
    },
    onSuccess: () => { done(item, assetId); refresh(); },
    onError: (err) => {
      item.li.className = 'failed';
      item.bar.hidden = true;
      item.state.textContent = tusProblem(err);
    },
  });
  upload.findPreviousUploads().then((previous) => {
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  });
}

/** The files this visit sent, as the server knows them, and "N of M files". */
async function refresh() {
  const answer = await fetch(`${base}/files`, { credentials: 'same-origin' });
  if (!answer.ok) return;
  const files = await answer.json();
  for (const file of files.items) {
    if (list.querySelector(`li[data-id="${file.id}"]`)) continue;
    done(row(file.name, file.size), file.id);
  }
  count.textContent = words.count ? words.count.replace('{received}', files.filesReceived) : '';
}

function sendAll(files) {
  for (const file of files) send(file);
}

input.addEventListener('change', () => { sendAll([...input.files]); input.value = ''; });
const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
drop.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); drop.classList.add('over'); } });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  drop.classList.remove('over');
  sendAll([...e.dataTransfer.files]);
});
who.name.addEventListener('change', remember);
who.email.addEventListener('change', remember);
recall();
refresh();
