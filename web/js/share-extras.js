// What the share dialog offers beyond the basics: filing the shared assets as a new
// collection, and the documents recipients may download (history CSV, attachments, contact sheet).
import { h } from './dom.js';

/** "File them as a new collection": read() → {collectionName} | {}. */
export function newCollectionControl() {
  const name = h('input', { type: 'text', id: 'share-collection-name', maxlength: 200, placeholder: `New collection from ${new Date().toISOString().slice(0, 10)}`, 'aria-label': 'New collection name', hidden: true });
  const check = h('input', { type: 'checkbox', id: 'share-create-collection', onchange: () => { name.hidden = !check.checked; } });
  return {
    node: h('div', { class: 'stack tight' }, h('label', { class: 'check' }, check, 'File them as a new collection that the link follows'), name),
    read() {
      if (!check.checked) return {};
      return name.value.trim() ? { createCollection: true, collectionName: name.value.trim() } : { createCollection: true };
    },
  };
}

/** The checkboxes of the documents a link may offer, for the download options fieldset. */
export function documentBoxes(box, dl, allow) {
  return [
    allow.attributes || dl.attributeHistory ? box('Attribute history (CSV)', !!dl.attributeHistory, { opt: 'attributeHistory' }) : null,
    box('Attachments', !!dl.attachments, { opt: 'attachments' }),
    box('Contact sheet (PDF)', !!dl.contactSheet, { opt: 'contactSheet' }),
  ];
}

/** The documents chosen in `downloads`, for downloadOptions. */
export function readDocuments(downloads) {
  const on = (opt) => !!downloads.querySelector(`[data-opt=${opt}]`)?.checked;
  return { attributeHistory: on('attributeHistory'), attachments: on('attachments'), contactSheet: on('contactSheet') };
}
