/**
 * SIGTERM is bounded (issue 15, finding 11): the real process (`src/main.ts`), with Slack, Meta,
 * Telegram, Twilio and email configured against the local emulators and replies in flight
 * (a queue of paced SMS, platforms answering seconds late), exits within 10 s; the replies it
 * could not finish are still in the store and, after a restart, each is delivered once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createDesk } from '../src/app.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { approveReply, inbound, settledIn } from './support/approve-reply.js';
import { startSmtpRecorder, type SmtpRecorder } from './support/dovecot/smtp-recorder.js';
import { stubClassifier, stubDrafter } from './support/stub-nlp.js';
import { testConfig, tempDir } from './support/test-config.js';
import { deskEnv, startEmulators, travelClock, TWILIO, type Emulators } from './e2e/omni-desk.js';
import { freePort } from './support/free-port.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
// 3 GSM-7 segments: with 1 segment/s per number, 8 of them queue for 24 s.
const THREE_SEGMENTS = 'Thanks for waiting. '.repeat(20);

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    cwd: tempDir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SIGTERM with every platform configured and sends in flight', () => {
  let emulators: Emulators;
  let smtp: SmtpRecorder;
  const dataDir = tempDir('shutdown-');
  let env: Record<string, string>;
  const jobs: string[] = [];
  const smsTo: string[] = [];

  before(async () => {
    emulators = await startEmulators(travelClock());
    smtp = await startSmtpRecorder();
    const port = await freePort();
    env = {
      ...deskEnv(emulators, dataDir, port),
      HOST: '127.0.0.1',
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'warn',
      TERMINAL_CONSOLE: 'off',
      OUTBOX_LEASE_MS: '2000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      EMAIL_FROM: 'Shop Support <support@shop.example>',
    };
    // Queue the replies with a desk whose outbox does not run, so the process under test
    // starts with all of them due at once.
    const seed = await createDesk(testConfig(env), {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
    });
    await seed.start();
    await seed.outbox.stop();
    emulators.telegram.openChat(515151);
    for (let i = 0; i < 8; i++) {
      const to = `+1555030${String(i).padStart(4, '0')}`;
      smsTo.push(to);
      jobs.push(await approveReply(seed, inbound('sms', to, TWILIO.number), THREE_SEGMENTS));
    }
    jobs.push(await approveReply(seed, inbound('telegram', '515151', TWILIO.number), 'On its way.'));
    jobs.push(await approveReply(seed, inbound('email', 'bo@example.com', TWILIO.number), 'On its way.'));
    await seed.stop();
  });
  after(async () => {
    await smtp.stop();
    await emulators.slack.close();
    await emulators.twilio.stop();
    await emulators.meta.stop();
    await emulators.telegram.stop();
  });

  it('exits within 10 s; what it did not finish is queued and delivered once after a restart', async () => {
    emulators.twilio.responseDelayMs = 3_000;
    emulators.telegram.responseDelayMs = 3_000;
    smtp.slowAnswers(3_000);
    const first = startMain(env);
    await until('a send in flight', () => emulators.twilio.messages.length > 0);
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const code = await first.exited;
    const took = Date.now() - signalled;
    assert.ok(took < 10_000, `exited ${took} ms after SIGTERM (code ${code}): ${first.output()}`);
    assert.match(first.output(), /finishing in-flight work/);

    const store = createSqliteStore({ file: join(dataDir, 'solodesk.db') });
    const statuses = await Promise.all(jobs.map(async (id) => (await store.getJob(id))?.status));
    assert.ok(
      statuses.every((s) => s === 'sent' || s === 'pending' || s === 'sending'),
      String(statuses),
    );
    assert.ok(
      statuses.some((s) => s !== 'sent'),
      'some replies were still queued at SIGTERM',
    );

    emulators.twilio.responseDelayMs = 0;
    emulators.telegram.responseDelayMs = 0;
    smtp.slowAnswers(0);
    const second = startMain(env);
    await until('every reply delivered', () => settledIn(store, jobs), 120_000);
    second.child.kill('SIGTERM');
    await second.exited;
    await store.close();

    const sms = emulators.twilio.messages.map((m) => m.to);
    assert.deepEqual([...sms].sort(), [...smsTo].sort(), 'each SMS reply sent once');
    assert.equal(
      emulators.telegram.sent.filter((m) => m.chatId === '515151').length,
      1,
      'one Telegram reply',
    );
    assert.equal(smtp.mails.filter((m) => m.envelope.to.includes('bo@example.com')).length, 1, 'one mail');
  });
});
