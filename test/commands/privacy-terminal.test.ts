/**
 * /cs export and /cs forget from the terminal on the embedded store: the export holds the
 * customer's messages and addresses; forget asks first, then leaves none of the phone number,
 * email or message text in any file of DATA_DIR (database and WAL included), while the
 * figures of past periods stay the same.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Command } from '../../commands/command.js';
import { createTerminalConsole } from '../../src/console/terminal/index.js';
import type { FiguresSource } from '../../src/core/ports.js';
import { createLogger } from '../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';
import { tempDir } from '../support/test-config.js';
import { TerminalScreen } from '../support/terminal-screen.js';

const PHONE = '+15557650001';
const EMAIL = 'wombat.owner@example.net';
const TEXT = 'My wombat-4471 parcel is lost';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hits(dir: string): string[] {
  const out: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const needle of [PHONE, EMAIL, TEXT, 'wombat'])
      if (bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le')))
        out.push(`${needle} in ${file}`);
  }
  return out;
}

describe('terminal: /cs export and /cs forget', () => {
  let t: TestDesk;
  const dataDir = tempDir('solodesk-forget-desk-');
  const commands: Command[] = [];
  const screen = new TerminalScreen(500);
  const { input, output } = screen;
  const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
  const type = (line: string) => screen.type(line, () => t.desk.drain());
  const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 3_600_000), tz: 'UTC' };

  before(async () => {
    const terminal = createTerminalConsole({
      input,
      output,
      commands,
      ownerLanguage: 'en',
      logger: createLogger('silent'),
      exportDir: join(dataDir, 'exports'),
    });
    t = await startTestDesk({ env: { DATA_DIR: dataDir }, overrides: { consoles: [terminal] } });
    commands.push(...t.desk.commands);
    await t.connector.intake().receive(sms(`${TEXT} — write to ${EMAIL}`, PHONE));
    await t.connector.intake().receive({
      channel: 'email',
      externalId: '<m-41@mail.example>',
      from: { address: EMAIL, displayName: 'Wendy Wombat' },
      replyRef: `email:support@shop.example:${EMAIL}`,
      text: TEXT,
      subject: 'Lost parcel',
    });
    await t.desk.drain();
    const ids = [...new Set(t.console.events.map((e) => e.view.customer.id))];
    assert.equal(ids.length, 2);
    // The owner merges the two profiles, as the same person.
    await t.desk.api.merge(ids[0]!, ids[1]!, { console: 'terminal', userId: 'owner' });
    await t.desk.drain();
  });
  after(async () => {
    await t.stop();
    input.end();
  });

  it('export c1 writes the JSON and CSV to DATA_DIR/exports', async () => {
    await waitForScreen(/c1/);
    await type('export c1');
    const json = (await waitForScreen(/→ (\S+\.json)/))[1]!;
    const csv = (await waitForScreen(/→ (\S+\.csv)/))[1]!;
    assert.ok(json.startsWith(join(dataDir, 'exports')));
    const data = JSON.parse(readFileSync(json, 'utf8')) as {
      identities: { address: string }[];
      messages: { text: string }[];
    };
    assert.deepEqual(data.identities.map((i) => i.address).sort(), [PHONE, EMAIL].sort());
    assert.equal(data.messages.length, 2);
    assert.match(readFileSync(csv, 'utf8'), /wombat-4471/);
  });

  it('export by phone number or email finds the same customer', async () => {
    await type(`export ${EMAIL}`);
    await waitForScreen(/2 messages, 1 conversations|2 messages, 2 conversations/);
    await type('export +1 555 765 0001');
    await waitForScreen(/Export of customer/);
    await type('export nobody@example.org');
    await waitForScreen(/No customer matches "nobody@example.org"/);
  });

  it('forget asks first, then erases: nothing left in DATA_DIR, figures unchanged', async () => {
    const figures = t.desk.store as unknown as FiguresSource;
    const before = await figures.figures(period);
    const statsBefore = await commands
      .find((c) => c.name === 'stats')!
      .run(['7d'], { console: 'terminal', userId: 'o' });
    await type('forget c1');
    const confirm = (await waitForScreen(/Erase: (forget \S+ yes)/))[1]!;
    assert.ok(hits(dataDir).length > 0, 'nothing erased before the confirmation');
    await type(confirm);
    await waitForScreen(/erased/);
    assert.deepEqual(hits(dataDir), []);
    assert.deepEqual(await figures.figures(period), before);
    const statsAfter = await commands
      .find((c) => c.name === 'stats')!
      .run(['7d'], { console: 'terminal', userId: 'o' });
    assert.deepEqual(statsAfter.sections, statsBefore.sections);
    assert.equal(await t.desk.store.findCustomerByIdentity('sms', PHONE), undefined);
  });
});
