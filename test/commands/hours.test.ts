import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findCommand } from '../../commands/index.js';
import { ConfigError } from '../../src/config.js';
import { startTestDesk, type TestDesk } from '../support/desk-harness.js';
import { testConfig } from '../support/test-config.js';
import { FRIDAY_23, LONDON, MONDAY_10, TestClock } from '../core/attention/support.js';

const OWNER = { console: 'test', userId: 'owner' };

describe('/cs hours, /cs away, /cs back', () => {
  const clock = new TestClock(new Date(MONDAY_10));
  let t: TestDesk;
  const run = async (name: string, args: string[] = []) => {
    const command = findCommand(t.desk.commands, name);
    assert.ok(command, name);
    return command.run(args, OWNER);
  };
  const field = (reply: Awaited<ReturnType<typeof run>>, label: string) =>
    reply.sections.flatMap((s) => s.fields).find((f) => f.label === label)?.value;

  before(async () => {
    t = await startTestDesk({ env: { ...LONDON, HOLIDAYS: '2026-12-25' }, overrides: { clock } });
  });
  after(() => t.stop());

  it('shows the hours, the holidays and that the desk is open now', async () => {
    const reply = await run('hours');
    assert.equal(field(reply, 'Now'), 'open');
    assert.equal(field(reply, 'Hours'), 'mon-fri 09:00-18:00');
    assert.equal(field(reply, 'Holidays'), '2026-12-25');
    assert.equal(field(reply, 'Time zone'), 'Europe/London');
  });

  it('says closed on Friday night and when it opens again', async () => {
    clock.set(FRIDAY_23);
    const reply = await run('hours');
    assert.equal(field(reply, 'Now'), 'closed');
    assert.equal(field(reply, 'Opens again'), 'Mon 09:00');
    clock.set(MONDAY_10);
  });

  it('keeps the away state in the store until /cs back, across a restart', async () => {
    const away = await run('away', ['for', '2h']);
    assert.match(away.text ?? '', /away until 12:00/);
    assert.equal(field(await run('hours'), 'Now'), 'away');
    const stored = await t.desk.store.getCursor('attention:away');
    assert.ok(stored?.includes('2026-12-07T12:00:00.000Z'));
    const back = await run('back');
    assert.match(back.text ?? '', /Welcome back/);
    assert.equal(field(await run('hours'), 'Now'), 'open');
    assert.match((await run('back')).text ?? '', /not away/);
    assert.equal((await run('away', ['until', 'never'])).usage, true);
    // Until a given time: ends by itself.
    await run('away', ['until', '2026-12-07', '11:00']);
    assert.equal(field(await run('hours'), 'Now'), 'away');
    clock.set('2026-12-07T11:30:00Z');
    assert.equal(field(await run('hours'), 'Now'), 'open');
  });

  it('rejects malformed values naming the variable', () => {
    for (const [name, value] of [
      ['BUSINESS_HOURS', 'weekdays 9-5'],
      ['HOLIDAYS', '25/12/2026'],
      ['AUTO_ACK', 'sometimes'],
      ['REPLY_DUE', 'high=soon'],
      ['DIGEST_AT', '8.30'],
      ['REMIND_AGAIN', 'often'],
    ] as const) {
      assert.throws(
        () => testConfig({ [name]: value }),
        (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith(`${name}:`)),
        name,
      );
    }
  });
});

describe('acknowledgement texts from DATA_DIR/auto-ack.json', () => {
  it('reads them, lets the environment win, and names the file when it is malformed', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { attentionSettings } = await import('../../src/compose/attention.js');
    const { tempDir } = await import('../support/test-config.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'auto-ack.json'), JSON.stringify({ en: 'Back {when}.', zh: '{when}回来。' }));
    assert.deepEqual(attentionSettings(testConfig({ DATA_DIR: dir })).ackTexts, {
      en: 'Back {when}.',
      zh: '{when}回来。',
    });
    assert.equal(
      attentionSettings(testConfig({ DATA_DIR: dir, AUTO_ACK_TEXT_EN: 'Env {when}.' })).ackTexts.en,
      'Env {when}.',
    );
    writeFileSync(join(dir, 'auto-ack.json'), '{"fr": "Bonjour"}');
    assert.throws(
      () => attentionSettings(testConfig({ DATA_DIR: dir })),
      (err: unknown) => err instanceof ConfigError && /auto-ack\.json/.test(err.message),
    );
  });
});
