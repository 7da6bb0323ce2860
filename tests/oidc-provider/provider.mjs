// A real OpenID provider (oidc-provider, certified) for tests/oidc.rs, on plain HTTP on
// loopback. It prints `listening http://127.0.0.1:PORT` once up. The test then registers its
// client with POST /test/client {client_id, client_secret, redirect_uri} (the app's port is
// known only once it runs), which builds the provider.
//
// Test-only switches, for what a well-behaved provider never sends:
//   POST /test/mode {mode}: how the next ID tokens from /token are re-signed:
//     "pass" (untouched), "wrong_nonce", "expired", "other_key" (a key not in the JWKS, with
//     the published key id), "rotate_es256" (a new ES256 key with a new key id, published in
//     the JWKS from then on: key rotation).
//   POST /test/groups {sub, groups}: the groups claim of an account from then on.
// Accounts: any login signs in (the dev login form); the login is the subject, its email
// `${login}@example.com`, its groups from /test/groups (default none).
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const groups = new Map();
let mode = 'pass';
let provider = null;
let issuer = null;

async function signingKey(alg, kid) {
  const { privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid, alg, use: 'sig' };
}

const published = await signingKey('RS256', 'first-key');
const extraPublic = []; // keys added by rotation, published with the provider's own
let rotated = null; // the private JWK new ID tokens are signed with after rotation

function publicOf(jwk) {
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  return pub;
}

async function resign(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = rotated ?? published;
  if (mode === 'wrong_nonce') claims.nonce = 'not-the-nonce-of-this-sign-in';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'other_key') key = await signingKey('RS256', published.kid);
  if (mode === 'rotate_es256' && !rotated) {
    rotated = await signingKey('ES256', 'second-key');
    extraPublic.push(publicOf(rotated));
    key = rotated;
  }
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(await jose.importJWK(key, key.alg));
}

function build({ client_id, client_secret, redirect_uri }) {
  const oidc = new Provider(issuer, {
    clients: [{
      client_id,
      client_secret,
      redirect_uris: [redirect_uri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [published] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: `${sub}@example.com`, email_verified: true, name: `Test ${sub}`, groups: groups.get(sub) ?? [] };
        },
      };
    },
    // No consent screen: the test client is first-party.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  oidc.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body?.id_token && mode !== 'pass') {
      ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token) };
    }
    if (ctx.path === '/jwks' && ctx.body?.keys) {
      ctx.body = { keys: [...ctx.body.keys, ...extraPublic] };
    }
  });
  return oidc;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { try { resolve(JSON.parse(body || '{}')); } catch (e) { reject(e); } });
  });
}

const server = http.createServer(async (req, res) => {
  if (req.url.startsWith('/test/')) {
    const body = await readJson(req);
    if (req.url === '/test/client') provider = build(body);
    if (req.url === '/test/mode') mode = body.mode;
    if (req.url === '/test/groups') groups.set(body.sub, body.groups);
    res.writeHead(204).end();
    return;
  }
  if (!provider) {
    res.writeHead(503).end('register the client first: POST /test/client');
    return;
  }
  provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`listening ${issuer}`);
});
