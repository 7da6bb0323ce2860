// Uploads: one request per file (two at a time), a progress bar per file and overall.
import { h, icon, bytes, clear, toast } from './dom.js';
import { uploadFile } from './api.js';

let panel = null;
const queue = [];
let running = 0;
const listeners = new Set();

/** Called with each uploaded asset. */
export function onUploaded(fn) { listeners.add(fn); return () => listeners.delete(fn); }

function ensurePanel() {
  if (panel && panel.el.isConnected) return panel;
  const list = h('ul', { 'aria-label': 'Files' });
  const overallBar = h('progress', { max: 100, value: 0, 'aria-label': 'Overall upload progress' });
  const overallText = h('span', { class: 'small muted' });
  const title = h('strong', null, 'Uploading');
  const closeBtn = h('button', { class: 'btn ghost small icon-only', 'aria-label': 'Close uploads', title: 'Close', onclick: () => { el.remove(); panel = null; } }, icon('x'));
  const el = h('section', { class: 'uploads', 'aria-label': 'Uploads', id: 'uploads' },
    h('header', null, icon('upload'), title, closeBtn),
    h('div', { class: 'overall' }, h('div', { class: 'row small' }, h('span', { class: 'grow' }, 'Overall'), overallText), overallBar),
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
  p.overallText.textContent = `${done} of ${p.items.length} · ${pct}%`;
  const busy = p.items.some((i) => i.state === 'queued' || i.state === 'sending');
  p.title.textContent = busy ? `Uploading ${p.items.length - done - failed} file${p.items.length - done - failed === 1 ? '' : 's'}…`
    : failed ? `${done} uploaded, ${failed} failed` : `${done} file${done === 1 ? '' : 's'} uploaded`;
  p.el.dataset.state = busy ? 'busy' : 'done';
}

export function upload(files) {
  const p = ensurePanel();
  for (const file of files) {
    const bar = h('progress', { max: 100, value: 0, 'aria-label': `Progress of ${file.name}` });
    const pct = h('span', { class: 'pct small muted' }, 'Waiting');
    const li = h('li', { class: 'queued' }, h('div', { class: 'row' }, h('span', { class: 'grow ellipsis' }, file.name), h('span', { class: 'small muted' }, bytes(file.size)), pct), bar);
    const item = { file, li, bar, pct, loaded: 0, state: 'queued' };
    p.items.push(item);
    p.list.append(li);
    queue.push(item);
  }
  refreshOverall();
  pump();
}

function pump() {
  while (running < 2 && queue.length) {
    const item = queue.shift();
    running++;
    item.state = 'sending';
    item.li.className = 'sending';
    item.pct.textContent = '0%';
    uploadFile(item.file, (loaded, total) => {
      item.loaded = Math.min(loaded, item.file.size);
      const pct = Math.round((loaded / total) * 100);
      item.bar.value = pct;
      item.pct.textContent = `${pct}%`;
      refreshOverall();
    }).then((asset) => {
      item.state = 'done';
      item.li.className = 'done';
      item.bar.value = 100;
      item.pct.textContent = 'Done';
      for (const fn of listeners) fn(asset);
    }).catch((e) => {
      item.state = 'failed';
      item.li.className = 'failed';
      item.pct.textContent = 'Failed';
      item.li.title = e.message;
      toast(`${item.file.name}: ${e.message}`, 'bad');
    }).finally(() => {
      running--;
      refreshOverall();
      pump();
    });
  }
}

/** A hidden file input and the button that opens it. */
export function uploadButton(label = 'Upload') {
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
    overlay = h('div', { class: 'dropzone' }, h('div', { class: 'msg' }, icon('upload'), 'Drop files to upload'));
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
