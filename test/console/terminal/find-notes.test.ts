/**
 * The terminal's side of issue 19: `find` prints the matches with each customer's handle, and
 * `note cN` / `tags cN` keep the owner's note and tags, shown on the next customer card.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFindCommand } from '../../../commands/find.js';
import { createTerminalConsole } from '../../../src/console/terminal/index.js';
import type { SearchSource } from '../../../src/core/search.js';
import { createLogger } from '../../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

describe('terminal: find, note and tags', () => {
  let t: TestDesk;
  const screen = new TerminalScreen(300);
  const { input, output } = screen;
  const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
  const type = (line: string) => screen.type(line, () => t.desk.drain());

  before(async () => {
    // The desk's store is made after the console: the command reaches it when run.
    const search: SearchSource = { search: (q) => (t.desk.store as unknown as SearchSource).search(q) };
    const terminal = createTerminalConsole({
      input,
      output,
      commands: [createFindCommand({ search, tz: 'UTC' })],
      ownerLanguage: 'en',
      logger: createLogger('silent'),
    });
    t = await startTestDesk({ overrides: { consoles: [terminal] } });
  });
  after(async () => {
    await t.stop();
    input.end();
  });

  it('find prints the message with the customer handle; note and tags show on the card and are found', async () => {
    await t.connector.intake().receive(sms('Where is my order #7781?', '+15550004101'));
    await t.desk.drain();
    await waitForScreen(/#7781/);
    await type('find 7781');
    await waitForScreen(/Find “7781”/);
    assert.match(screen.text, /\[c1\]: ← Where is my order #7781\?/);

    await type('note c1 Prefers calls after 6pm');
    await type('tags c1 VIP, wholesale');
    await waitForScreen(/Prefers calls after 6pm/);
    await waitForScreen(/VIP, wholesale/);
    await type('find wholesale');
    await waitForScreen(/tag: wholesale/);
    await type('note c99 nothing');
    await waitForScreen(/usage: note cN TEXT/);
  });
});
