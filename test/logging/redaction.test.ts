/**
 * Logs never carry message bodies, customer addresses or secrets: a whole loop (inbound,
 * draft, send, failure, retry, rating) at debug level, with every log line captured.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/logging/logger.js';
import { sms, startTestDesk } from '../support/desk-harness.js';

describe('log redaction', () => {
  it('keeps bodies, addresses and secrets out of every log line', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const logger = createLogger('trace', sink);
    const secret = 'APPSECRET-should-never-appear-0123456789';
    const t = await startTestDesk({ env: { APP_SECRET: secret }, overrides: { logger } });
    try {
      const phone = '+15557770001';
      const body = 'BODY-MARKER my card number is 4111';
      const received = await t.connector.intake().receive(sms(body, phone));
      assert.ok(received.kind === 'stored');
      await t.desk.drain();
      const [draft] = await t.desk.api.pendingDrafts();
      t.connector.script.push(new Error(`upstream echoed ${body} to ${phone}`));
      await t.desk.api.decide({
        draftId: draft!.id,
        actor: { console: 't', userId: 'U' },
        action: 'edit_send',
        text: 'REPLY-MARKER',
      });
      for (let i = 0; i < 50 && t.connector.sent.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        await t.desk.drain();
      }
      // Even a careless call that passes sensitive fields is redacted.
      logger.info({ text: body, address: phone, token: secret, nested: { email: 'x@y.z' } }, 'careless');
    } finally {
      await t.stop();
    }
    assert.ok(logged.length > 200, 'something was logged');
    for (const needle of ['BODY-MARKER', 'REPLY-MARKER', '+15557770001', secret, 'x@y.z']) {
      const line = logged.split('\n').find((l) => l.includes(needle));
      assert.equal(line, undefined, `log leaked ${needle}: ${line}`);
    }
  });
});

describe('log redaction of OAuth tokens', () => {
  it('redacts access and refresh tokens and client secrets passed by mistake', () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const logger = createLogger('debug', sink);
    logger.info(
      {
        accessToken: 'AT-MARKER',
        refreshToken: 'RT-MARKER',
        nested: { access_token: 'AT2-MARKER', refresh_token: 'RT2-MARKER', clientSecret: 'CS-MARKER' },
      },
      'careless oauth',
    );
    assert.match(logged, /careless oauth/);
    for (const needle of ['AT-MARKER', 'RT-MARKER', 'AT2-MARKER', 'RT2-MARKER', 'CS-MARKER']) {
      assert.ok(!logged.includes(needle), `log leaked ${needle}`);
    }
  });
});
