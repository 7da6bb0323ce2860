// The member's own account: two-factor sign-in (TOTP) enrolment, its recovery codes, turning
// it off. Also shown alone to a member who must enrol before anything else ([auth] require_totp).
import { h, icon, toast, field, clear } from './dom.js';
import { get, api, post, session } from './api.js';
import { t } from './i18n.js';

export async function accountView(ctx, root) {
  const me = await get('/me');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, t('nav-account')), h('p', { class: 'muted' }, `${me.email} · ${t('role', { role: me.role })}`))));
  const panel = h('section', { class: 'panel', id: 'two-factor' });
  root.append(h('div', { class: 'page-body stack' }, panel));
  twoFactorPanel(me, panel);
}

/** The two-factor panel: its state, and the way to turn it on or off. */
export function twoFactorPanel(me, panel, onEnrolled) {
  clear(panel);
  const body = h('div', { class: 'body stack' });
  panel.append(h('header', null, h('h2', null, t('totp-title'))), body);
  if (!me.local) {
    body.append(h('p', { class: 'muted' }, t('totp-sso')));
  } else if (me.totpEnabled) {
    const code = h('input', { id: 'totp-off-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true });
    body.append(h('p', { id: 'totp-state' }, t('totp-on')),
      h('form', { class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('DELETE', '/me/totp', { code: code.value.trim() });
          toast(t('totp-turned-off'));
          twoFactorPanel({ ...me, totpEnabled: false }, panel, onEnrolled);
        } catch (err) { toast(err.message, 'bad'); }
      } }, field(t('totp-code-or-recovery'), code), h('button', { class: 'btn danger', type: 'submit', id: 'totp-off' }, t('totp-turn-off'))));
  } else {
    body.append(h('p', { id: 'totp-state' }, t('totp-off')),
      h('button', { class: 'btn primary', id: 'totp-enrol', onclick: () => enrol(me, panel, body, onEnrolled) }, icon('shield'), t('totp-set-up')));
  }
}

async function enrol(me, panel, body, onEnrolled) {
  const enrolment = await post('/me/totp');
  const code = h('input', { id: 'totp-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, pattern: '[0-9 ]{6,7}' });
  const qr = h('img', { id: 'totp-qr', alt: t('totp-qr'), width: 200, height: 200,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}` });
  clear(body).append(
    h('p', null, t('totp-scan')),
    qr,
    h('p', null, t('totp-key'), h('code', { id: 'totp-secret', class: 'mono' }, enrolment.secret)),
    h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const answer = await post('/me/totp/confirm', { code: code.value.trim() });
        showRecoveryCodes(answer.recoveryCodes, body, () => onEnrolled ? onEnrolled() : twoFactorPanel({ ...me, totpEnabled: true }, panel));
      } catch (err) { toast(err.message, 'bad'); code.select(); }
    } }, field(t('totp-code-from-app'), code), h('button', { class: 'btn primary', type: 'submit', id: 'totp-confirm' }, t('totp-turn-on'))));
  code.focus();
}

function showRecoveryCodes(codes, body, done) {
  clear(body).append(
    h('p', { id: 'totp-state' }, t('totp-recovery-codes')),
    h('ol', { id: 'recovery-codes', class: 'mono' }, codes.map((c) => h('li', null, c))),
    h('button', { class: 'btn primary', id: 'totp-done', onclick: done }, t('done')));
}

/** A session that may only enrol: the panel alone, then back to signing in. */
export function enrolmentOnly(root, me, signInAgain) {
  const panel = h('section', { class: 'panel', id: 'two-factor' });
  clear(root).append(h('div', { class: 'signin' }, h('div', { class: 'card' },
    h('h1', null, t('totp-set-up')),
    h('p', { class: 'muted' }, t('totp-required')),
    panel)));
  twoFactorPanel(me, panel, () => { session.me = null; signInAgain(t('totp-sign-in-again')); });
}
