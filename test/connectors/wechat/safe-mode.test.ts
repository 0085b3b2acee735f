/**
 * Safe mode (WECHAT_ENCODING_AES_KEY): the connector's AES-256-CBC and the emulator's (written
 * apart) read each other; an encrypted push round-trips into the intake; a wrong msg_signature,
 * a body encrypted for another AppID or with another key is refused with 403 and not stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WechatCrypto, sha1Signature } from '../../../connectors/wechat/crypto.js';
import { buildFlatXml, parseFlatXml } from '../../../connectors/wechat/xml.js';
import { WechatEmulator } from '../../support/wechat-emulator/index.js';
import { startWechatHarness, WECHAT, type WechatHarness } from './harness.js';

describe('WeChat safe-mode crypto', () => {
  const ours = new WechatCrypto(WECHAT.encodingAesKey, WECHAT.appId);
  const theirs = new WechatEmulator({ ...WECHAT });

  it('what WeChat encrypts we decrypt, and the other way round, at every padding length', () => {
    for (let n = 0; n < 70; n++) {
      const xml = buildFlatXml({ Content: '微信 ' + 'x'.repeat(n) });
      assert.equal(ours.decrypt(theirs.encrypt(xml)), xml);
      assert.equal(theirs.decrypt(ours.encrypt(xml)), xml);
      // PKCS#7 to 32-byte blocks: always a whole number of AES blocks, padding 1–32 bytes.
      assert.equal(Buffer.from(ours.encrypt(xml), 'base64').length % 32, 0);
    }
  });

  it('refuses a body for another AppID or under another key', () => {
    const other = new WechatEmulator({ ...WECHAT, appId: 'wxffffffffffffffff' });
    assert.equal(ours.decrypt(other.encrypt('<xml></xml>')), undefined);
    const otherKey = new WechatCrypto('Z'.repeat(43), WECHAT.appId);
    assert.equal(ours.decrypt(otherKey.encrypt('<xml></xml>')), undefined);
  });

  it('signs as documented: SHA-1 of the sorted parts', () => {
    assert.equal(sha1Signature('b', 'a', 'c'), sha1Signature('abc'));
    assert.notEqual(sha1Signature('b', 'a'), sha1Signature('ba', ''));
  });

  it('reads flat XML with CDATA and entities, and nothing with a DOCTYPE', () => {
    assert.deepEqual(parseFlatXml('<xml><A><![CDATA[x<y]]></A><B>1 &amp; 2</B></xml>'), {
      A: 'x<y',
      B: '1 & 2',
    });
    assert.deepEqual(parseFlatXml(buildFlatXml({ A: 'a]]>b' })), { A: 'a]]>b' });
    assert.equal(parseFlatXml('<!DOCTYPE x [<!ENTITY e "boom">]><xml><A>&e;</A></xml>'), undefined);
    assert.equal(parseFlatXml('{"json": true}'), undefined);
  });
});

describe('WeChat safe mode end to end (connector + emulator)', () => {
  let h: WechatHarness;
  before(async () => {
    h = await startWechatHarness({ safeMode: true });
  });
  after(async () => h.close());

  it('an encrypted push round-trips into the intake and is answered success', async () => {
    const { fields, msgId } = h.emulator.userMessage('oSAFE_1', 'text', { Content: '加密的消息' });
    const answer = await h.emulator.push(h.url, fields);
    assert.equal(answer.status, 200);
    assert.equal(answer.body, 'success');
    const stored = h.intake.messages.find((m) => m.externalId === msgId);
    assert.equal(stored?.text, '加密的消息');
    assert.equal(stored?.from.address, 'oSAFE_1');
    assert.deepEqual(h.emulator.violations, []);
  });

  it('a wrong msg_signature or a body from another AppID is refused with 403 and not stored', async () => {
    const forged = new WechatEmulator({
      ...WECHAT,
      encodingAesKey: WECHAT.encodingAesKey,
      appId: 'wxeeeeeeeeeeeeeeee',
    });
    const { fields, msgId } = forged.userMessage('oSAFE_2', 'text', { Content: 'hi' });
    assert.equal((await forged.push(h.url, fields)).status, 403);

    // Right signature on the query, but msg_signature over another body.
    const timestamp = '1700000000';
    const nonce = '42';
    const encrypted = h.emulator.encrypt(
      buildFlatXml({ FromUserName: 'oSAFE_3', MsgType: 'text', MsgId: '9' }),
    );
    const query = new URLSearchParams({
      signature: sha1Signature(WECHAT.token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: sha1Signature(WECHAT.token, timestamp, nonce, 'something else'),
    });
    const response = await fetch(`${h.url}?${query}`, {
      method: 'POST',
      body: buildFlatXml({ ToUserName: 'gh_x', Encrypt: encrypted }),
    });
    assert.equal(response.status, 403);
    assert.equal(h.intake.calls.filter((m) => m.from.address !== 'oSAFE_1').length, 0);
    assert.ok(msgId);
  });
});

describe('WeChat compatible mode without the AES key', () => {
  let h: WechatHarness;
  before(async () => {
    h = await startWechatHarness();
  });
  after(async () => h.close());

  it('reads the plaintext fields sent beside Encrypt', async () => {
    const timestamp = '1700000000';
    const nonce = '7';
    const query = new URLSearchParams({
      signature: sha1Signature(WECHAT.token, timestamp, nonce),
      timestamp,
      nonce,
    });
    const response = await fetch(`${h.url}?${query}`, {
      method: 'POST',
      body: buildFlatXml({
        ToUserName: 'gh_x',
        FromUserName: 'oCOMPAT',
        CreateTime: 1700000000,
        MsgType: 'text',
        Content: 'compat',
        MsgId: '77',
        Encrypt: 'c29tZXRoaW5n',
      }),
    });
    assert.equal(await response.text(), 'success');
    assert.equal(h.intake.messages.find((m) => m.externalId === '77')?.text, 'compat');
  });
});
