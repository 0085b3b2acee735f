/**
 * `npm run email:oauth` against a local fake of the providers' endpoints: Microsoft's
 * device-code flow and Google's loopback flow with PKCE each end in the refresh token, and
 * the owner is shown only the steps and the `.env` lines, never an access token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envLines, googleLoopbackFlow, microsoftDeviceFlow } from '../../scripts/email-oauth.js';
import { startOAuthFake, type OAuthFake } from '../support/oauth-fake.js';

let fake: OAuthFake;
before(async () => {
  fake = await startOAuthFake();
});
after(() => fake.stop());

test('Microsoft device code: shows the URL and code, polls past authorization_pending, returns the refresh token', async () => {
  const said: string[] = [];
  const sleeps: number[] = [];
  fake.approveDeviceAfterPolls = 2;
  const refreshToken = await microsoftDeviceFlow(
    { clientId: fake.clientId, deviceCodeUrl: fake.deviceCodeUrl, tokenUrl: fake.tokenUrl },
    { say: (l) => said.push(l), sleep: async (ms) => void sleeps.push(ms) },
  );
  assert.equal(refreshToken, fake.refreshToken);
  assert.equal(sleeps.length, 3, 'two pending answers, then the token');
  assert.ok(
    sleeps.every((ms) => ms === 1000),
    'polls at the interval the endpoint asked for',
  );
  assert.ok(said.some((l) => l.includes('https://microsoft.com/devicelogin') && l.includes('ABCD-EFGH')));
  const shown = said.join('\n');
  for (const token of fake.issued) assert.ok(!shown.includes(token), 'no access token shown');
  assert.ok(!shown.includes(fake.refreshToken), 'the refresh token only goes into the .env lines');
});

test('Microsoft device code: a wrong client id fails with the endpoint error', async () => {
  await assert.rejects(
    microsoftDeviceFlow(
      { clientId: 'someone-else', deviceCodeUrl: fake.deviceCodeUrl, tokenUrl: fake.tokenUrl },
      { say: () => undefined, sleep: async () => undefined },
    ),
    /invalid_client/,
  );
});

test('Google loopback: consent URL with PKCE, the code arrives on 127.0.0.1, exchanged for the refresh token', async () => {
  const said: string[] = [];
  let consent: URL | undefined;
  const flow = googleLoopbackFlow(
    {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      authorizeUrl: `${fake.url}/authorize`,
      tokenUrl: fake.tokenUrl,
    },
    {
      say: (line) => {
        said.push(line);
        if (line.startsWith(fake.url)) consent = new URL(line);
      },
    },
  );
  while (!consent) await new Promise((r) => setTimeout(r, 10));
  const p = consent.searchParams;
  assert.equal(p.get('scope'), 'https://mail.google.com/');
  assert.equal(p.get('code_challenge_method'), 'S256');
  assert.equal(p.get('access_type'), 'offline');
  const redirect = p.get('redirect_uri') ?? '';
  assert.match(redirect, /^http:\/\/127\.0\.0\.1:\d+$/);

  // A request with another state (not from this consent) is refused and does not end the flow.
  const forged = await fetch(`${redirect}/?code=stolen&state=forged`);
  assert.equal(forged.status, 400);

  // The browser comes back with the code the provider issued for this PKCE challenge.
  const code = fake.authorize({ codeChallenge: p.get('code_challenge') ?? '', redirectUri: redirect });
  const back = await fetch(`${redirect}/?code=${code}&state=${p.get('state')}`);
  assert.equal(back.status, 200);
  assert.equal(await flow, fake.refreshToken);
  const shown = said.join('\n');
  for (const token of fake.issued) assert.ok(!shown.includes(token));
});

test('the .env lines carry the provider, client and refresh token, and nothing else', () => {
  assert.deepEqual(
    envLines({ provider: 'microsoft', clientId: 'c1', tenant: 'contoso.com', refreshToken: 'rt' }),
    [
      'EMAIL_OAUTH_PROVIDER=microsoft',
      'EMAIL_OAUTH_CLIENT_ID=c1',
      'EMAIL_OAUTH_TENANT=contoso.com',
      'EMAIL_OAUTH_REFRESH_TOKEN=rt',
    ],
  );
});
