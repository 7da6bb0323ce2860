// What the share dialog offers beyond the basics: filing the shared assets as a new
// collection, and the documents recipients may download (history CSV, attachments, contact sheet).
import { h } from './dom.js';
import { t } from './i18n.js';

/** "File them as a new collection": read() → {collectionName} | {}; unnamed, it is named
 *  after the day in the app's language (the server's own default is English). */
export function newCollectionControl() {
  const unnamed = t('dialog-collection-default-name', { date: new Date().toISOString().slice(0, 10) });
  const name = h('input', { type: 'text', id: 'share-collection-name', maxlength: 200, placeholder: unnamed, 'aria-label': t('collection-new-name'), hidden: true });
  const check = h('input', { type: 'checkbox', id: 'share-create-collection', onchange: () => { name.hidden = !check.checked; } });
  return {
    node: h('div', { class: 'stack tight' }, h('label', { class: 'check' }, check, t('dialog-file-as-collection')), name),
    read() {
      if (!check.checked) return {};
      return { createCollection: true, collectionName: name.value.trim() || unnamed };
    },
  };
}

/** The checkboxes of the documents a link may offer, for the download options fieldset. */
export function documentBoxes(box, dl, allow) {
  return [
    allow.attributes || dl.attributeHistory ? box(t('dialog-attribute-history'), !!dl.attributeHistory, { opt: 'attributeHistory' }) : null,
    box(t('attachments'), !!dl.attachments, { opt: 'attachments' }),
    box(t('dialog-contact-sheet'), !!dl.contactSheet, { opt: 'contactSheet' }),
  ];
}

/** The documents chosen in `downloads`, for downloadOptions. */
export function readDocuments(downloads) {
  const on = (opt) => !!downloads.querySelector(`[data-opt=${opt}]`)?.checked;
  return { attributeHistory: on('attributeHistory'), attachments: on('attachments'), contactSheet: on('contactSheet') };
}
