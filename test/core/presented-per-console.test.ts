/**
 * Presentation is recorded per console (soak finding on issue 15): when one console misses
 * a message, the retry shows it to that console only; the console that took it the first
 * time is not handed it again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sms, startTestDesk } from '../support/desk-harness.js';
import { flakyConsole } from '../support/recording-console.js';

test('a retry after one console failed re-presents the message to that console only', async () => {
  const flakySeen: string[] = [];
  const flaky = flakyConsole((event) => flakySeen.push(event.message.id));
  const t = await startTestDesk({ overrides: { consoles: [flaky] } });
  try {
    const result = await t.connector.intake().receive(sms('is anyone there?', '+15550000098'));
    assert.ok(result.kind === 'stored');
    await t.desk.drain();
    assert.equal((await t.desk.store.getMessage(result.messageId))?.stage, 'stored');

    assert.equal(await t.desk.intake.resume(), 1);
    await t.desk.drain();
    assert.equal((await t.desk.store.getMessage(result.messageId))?.stage, 'presented');
    assert.deepEqual(flakySeen, [result.messageId], 'the console that missed it got it on the retry');
    const shown = t.console.events.filter((e) => e.type === 'inbound' && e.message.id === result.messageId);
    assert.equal(shown.length, 1, 'the console that took it the first time is not handed it again');
  } finally {
    await t.stop();
  }
});
