// The member's own account: two-factor sign-in (TOTP) enrolment, its recovery codes, turning
// it off. Also shown alone to a member who must enrol before anything else ([auth] require_totp).
import { h, icon, toast, field, clear } from './dom.js';
import { get, api, post, session } from './api.js';

export async function accountView(ctx, root) {
  const me = await get('/me');
  root.append(h('div', { class: 'page-head' },
    h('div', { class: 'titles' }, h('h1', null, 'Account'), h('p', { class: 'muted' }, `${me.email} · ${me.role}`))));
  const panel = h('section', { class: 'panel', id: 'two-factor' });
  root.append(h('div', { class: 'page-body stack' }, panel));
  twoFactorPanel(me, panel);
}

/** The two-factor panel: its state, and the way to turn it on or off. */
export function twoFactorPanel(me, panel, onEnrolled) {
  clear(panel);
  const body = h('div', { class: 'body stack' });
  panel.append(h('header', null, h('h2', null, 'Two-factor sign-in')), body);
  if (!me.local) {
    body.append(h('p', { class: 'muted' }, 'You sign in through your organisation\'s single sign-on; its own two-factor applies.'));
  } else if (me.totpEnabled) {
    const code = h('input', { id: 'totp-off-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true });
    body.append(h('p', { id: 'totp-state' }, 'On: signing in asks for a code from your authenticator app.'),
      h('form', { class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('DELETE', '/me/totp', { code: code.value.trim() });
          toast('Two-factor sign-in is off.');
          twoFactorPanel({ ...me, totpEnabled: false }, panel, onEnrolled);
        } catch (err) { toast(err.message, 'bad'); }
      } }, field('Code or recovery code', code), h('button', { class: 'btn danger', type: 'submit', id: 'totp-off' }, 'Turn off')));
  } else {
    body.append(h('p', { id: 'totp-state' }, 'Off. Add a code from an authenticator app to your sign-in.'),
      h('button', { class: 'btn primary', id: 'totp-enrol', onclick: () => enrol(me, panel, body, onEnrolled) }, icon('shield'), 'Set up two-factor sign-in'));
  }
}

async function enrol(me, panel, body, onEnrolled) {
  const enrolment = await post('/me/totp');
  const code = h('input', { id: 'totp-code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, pattern: '[0-9 ]{6,7}' });
  const qr = h('img', { id: 'totp-qr', alt: 'QR code for your authenticator app', width: 200, height: 200,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}` });
  clear(body).append(
    h('p', null, 'Scan this with your authenticator app (or enter the key), then type the code it shows.'),
    qr,
    h('p', null, 'Key: ', h('code', { id: 'totp-secret', class: 'mono' }, enrolment.secret)),
    h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const answer = await post('/me/totp/confirm', { code: code.value.trim() });
        showRecoveryCodes(answer.recoveryCodes, body, () => onEnrolled ? onEnrolled() : twoFactorPanel({ ...me, totpEnabled: true }, panel));
      } catch (err) { toast(err.message, 'bad'); code.select(); }
    } }, field('Code from the app', code), h('button', { class: 'btn primary', type: 'submit', id: 'totp-confirm' }, 'Turn on')));
  code.focus();
}

function showRecoveryCodes(codes, body, done) {
  clear(body).append(
    h('p', { id: 'totp-state' }, 'Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs in once without your phone. They are shown only now.'),
    h('ol', { id: 'recovery-codes', class: 'mono' }, codes.map((c) => h('li', null, c))),
    h('button', { class: 'btn primary', id: 'totp-done', onclick: done }, 'Done'));
}

/** A session that may only enrol: the panel alone, then back to signing in. */
export function enrolmentOnly(root, me, signInAgain) {
  const panel = h('section', { class: 'panel', id: 'two-factor' });
  clear(root).append(h('div', { class: 'signin' }, h('div', { class: 'card' },
    h('h1', null, 'Set up two-factor sign-in'),
    h('p', { class: 'muted' }, 'This server asks every account for a code from an authenticator app. Set it up, then sign in again with a code.'),
    panel)));
  twoFactorPanel(me, panel, () => { session.me = null; signInAgain('Two-factor sign-in is on. Sign in with a code.'); });
}
