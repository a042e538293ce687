// A real OpenID Connect provider for Hearth's sign-in tests (hearth/accounts/tests/test_sso.py):
// panva's oidc-provider (OpenID Certified), standing in for a council's directory (Entra ID).
//
// node provider.mjs < config.json
//   config: {"client": {"client_id", "client_secret", "redirect_uris": [...]},
//            "accounts": {"<username>": {"password": "...", "claims": {...}}}}
// It listens on 127.0.0.1 on a free port and prints one line, {"issuer": "http://127.0.0.1:<port>"},
// when it is ready. Its sign-in page checks the password, like a directory; consent is given by the
// council for its staff (as an administrator grants it in Entra ID), so no consent page is shown.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(0, 'utf8'));
const accounts = config.accounts;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInPage(uid, message) {
  return `<!DOCTYPE html><html lang="en"><head><title>Council directory: sign in</title></head><body>
<h1>Council directory: sign in</h1>${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="username">Username</label><input id="username" name="username" autocomplete="off">
<label for="password">Password</label><input id="password" name="password" type="password">
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...config.client, grant_types: ['authorization_code'], response_types: ['code'] }],
    scopes: ['openid', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'given_name', 'family_name', 'groups'],
      email: ['email'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['hearth-test-provider-cookie-key-not-a-secret'] },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
    },
    // The council consents for its staff: every scope and claim the client asks for is granted.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
      await grant.save();
      return grant;
    },
  });

  const providerCallback = provider.callback();
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)$/);
    if (!match) {
      providerCallback(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(signInPage(details.uid));
        return;
      }
      const form = await readForm(req);
      const account = accounts[form.get('username')];
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(signInPage(details.uid, 'Wrong username or password'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: form.get('username') } },
        { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
