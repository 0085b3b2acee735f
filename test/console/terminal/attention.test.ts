/**
 * Attention in the terminal console: the acknowledgement shows as sent automatically, the
 * customer card shows the due time, "z cN WHEN" snoozes, a customer message wakes it, an
 * overdue reminder rings, and `due`, `hours` and the digest print.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Command } from '../../../commands/command.js';
import { createTerminalConsole } from '../../../src/console/terminal/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { FRIDAY_23, LONDON, TestClock } from '../../core/attention/support.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

describe('terminal console: hours, acknowledgements, due times, snooze, digest', () => {
  let t: TestDesk;
  const clock = new TestClock(new Date(FRIDAY_23));
  const commands: Command[] = [];
  const screen = new TerminalScreen(1000);
  const { input, output } = screen;
  const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
  const settle = async () => {
    for (let i = 0; i < 3; i++) await t.desk.drain();
  };
  const type = (line: string) => screen.type(line, () => settle());

  before(async () => {
    const terminal = createTerminalConsole({
      input,
      output,
      commands,
      ownerLanguage: 'en',
      logger: createLogger('silent'),
      timeZone: 'Europe/London',
    });
    t = await startTestDesk({
      env: { ...LONDON, AUTO_ACK: 'outside-hours', DIGEST_AT: '08:30' },
      overrides: { clock, consoles: [terminal] },
    });
    commands.push(...t.desk.commands);
  });
  after(async () => {
    await t.stop();
    input.end();
  });

  it('shows the acknowledgement as sent automatically and the due time on the customer card', async () => {
    await t.connector.intake().receive(sms('Where is my order?', '+447700900301'));
    await settle();
    await waitForScreen(/Sent automatically/);
    await waitForScreen(/Reply due: ⏳ reply due in 3 d \(Mon 13:00\)/);
    assert.match(screen.text, /z c1 <1h\|3h\|tomorrow\|nextweek\|time>/);
    assert.equal(t.connector.sent.filter((m) => m.purpose === 'ack').length, 1);
  });

  it('snoozes with "z cN WHEN"; a customer message wakes it', async () => {
    await type('z c1 tomorrow');
    await waitForScreen(/snoozed until Sat 09:00/);
    await type('due');
    await waitForScreen(/Waiting for a reply \(0\)/);
    await t.connector.intake().receive(sms('Hello?', '+447700900301'));
    await settle();
    await waitForScreen(/Snooze ended early/);
  });

  it('rings a reminder when overdue; prints due, hours and the digest', async () => {
    clock.set('2026-12-07T14:00:00Z');
    await t.desk.scheduler.tick();
    await settle();
    await waitForScreen(/🔔 ℹ️ .*\n.*Reply overdue/);
    await type('due');
    await waitForScreen(/Waiting for a reply \(1\)/);
    await waitForScreen(/🔴 \+447700900301 \[c1\]: sms/);
    await type('hours');
    await waitForScreen(/Business hours[\s\S]*Now: open/);
    await waitForScreen(/Daily digest · 2026-12-07/);
  });
});
