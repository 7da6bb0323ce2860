// The team API: JSON over fetch with the session cookie and the CSRF header on writes.
import { errorText } from './i18n.js';

/** A refused request: its status, its code, and as its message the words for the code in the
 *  app's language (`detail`, the server's English message, counts only in English). */
export class ApiError extends Error {
  constructor(status, code, detail, retryAfter) {
    const known = code || `HTTP ${status}`;
    super(errorText(known, { detail, seconds: retryAfter }));
    this.status = status;
    this.code = known;
  }

  /** The error of a fetch answer that is not ok (its JSON body read, when it has one). */
  static async of(response) {
    const data = await response.json().catch(() => null);
    return new ApiError(response.status, data?.error?.code, data?.error?.message, response.headers.get('retry-after'));
  }
}

export const session = { me: null, csrf: null, policy: null, onSignedOut: null };

const DEFAULT_POLICY = {
  durationsDays: [1, 2, 3, 5, 7, 14, 28],
  defaultDurationDays: 7,
  maxExpiryDays: 1825,
  allow: { password: true, viewOnly: true, maxUses: true, watermark: true, attributes: true },
  defaults: { access: 'download', original: true, preview: true, thumbnail: false, watermark: false, notify: { opened: false, downloaded: false } },
  presets: [],
};

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers['x-csrf-token'] = session.csrf;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 204) return null;
  if (!response.ok) {
    const error = await ApiError.of(response);
    if (response.status === 401 && path !== '/auth/login' && session.onSignedOut) session.onSignedOut();
    throw error;
  }
  const text = await response.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function signIn(email, password, code) {
  const answer = await post('/auth/login', code ? { email, password, code } : { email, password });
  session.csrf = answer.csrfToken;
  // A session that may only enrol two-factor says so; password sign-ins are local accounts.
  session.me = { ...answer.user, totpEnrolmentRequired: answer.totpEnrolmentRequired, local: true };
  return session.me;
}

export async function restore() {
  const me = await get('/me');
  session.me = me;
  session.csrf = me.csrfToken || session.csrf;
  return me;
}

export async function signOut() {
  try { await post('/auth/logout'); } catch { /* the session may be gone already */ }
  session.me = null;
  session.csrf = null;
}

export async function policy() {
  if (session.policy) return session.policy;
  try {
    const p = await get('/policy');
    session.policy = {
      ...DEFAULT_POLICY, ...p,
      allow: { ...DEFAULT_POLICY.allow, ...(p.allow || {}) },
      defaults: { ...DEFAULT_POLICY.defaults, ...(p.defaults || {}) },
    };
  } catch {
    session.policy = DEFAULT_POLICY;
  }
  return session.policy;
}

export function can(permission) {
  return !!session.me?.permissions?.includes(permission);
}

export const isAdmin = () => can('admin');

/** Every page of a listing. */
export async function all(path) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}


export const thumbUrl = (asset) => `/api/v1/assets/${asset.id}/thumbnail`;
export const previewUrl = (asset) => `/api/v1/assets/${asset.id}/preview`;
export const originalUrl = (asset) => `/api/v1/assets/${asset.id}/original`;
export const ready = (asset, which) => asset?.derivatives?.[which]?.state === 'ready';
