/**
 * The terminal console as an owner uses it: messages appear with their classification and
 * draft, and keys send, edit, discard and resolve.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTerminalConsole } from '../../../src/console/terminal/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

describe('terminal console', () => {
  let t: TestDesk;
  const screen = new TerminalScreen(200);
  const { input, output } = screen;
  const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
  const type = (line: string) => screen.type(line, () => t.desk.drain());

  before(async () => {
    const terminal = createTerminalConsole({
      input,
      output,
      commands: [
        {
          name: 'stats',
          usage: 'stats [period]',
          summary: { en: 'figures', zh: '统计' },
          run: async (args) => ({
            title: `Figures · ${args[0] ?? '7d'}`,
            sections: [{ fields: [{ label: 'C', value: '3' }] }],
          }),
        },
      ],
      ownerLanguage: 'en',
      logger: createLogger('silent'),
    });
    t = await startTestDesk({ overrides: { consoles: [terminal] } });
  });
  after(async () => {
    await t.stop();
    input.end();
  });

  it('shows an inbound message with its classification and a numbered draft, and sends it on "s N"', async () => {
    await t.connector.intake().receive(sms('Where is my order? urgent', '+15550004001'));
    await t.desk.drain();
    await waitForScreen(/Where is my order\? urgent/);
    await waitForScreen(/\[draft #1\]/);
    assert.match(screen.text, /Hello, we are on it\./, 'the draft text is shown');
    await type('s 1');
    const sent = t.connector.sent.filter((m) => m.replyRef.endsWith('+15550004001'));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.text, 'Hello, we are on it.');
    await type('s 1');
    assert.match(screen.text, /already decided/);
    assert.equal(t.connector.sent.filter((m) => m.replyRef.endsWith('+15550004001')).length, 1);
  });

  it('edits a draft with "e N", resolves with "r cN", and runs commands', async () => {
    await t.connector.intake().receive(sms('Hello, question', '+15550004002'));
    await t.desk.drain();
    await waitForScreen(/\[draft #2\]/);
    input.write('e 2\n');
    await waitForScreen(/Edit the reply/);
    assert.match(screen.text, /│ Hello, we are on it\./, 'the current draft is shown for editing');
    await type('Thanks, it ships tomorrow.');
    const sent = t.connector.sent.find((m) => m.replyRef.endsWith('+15550004002'));
    assert.equal(sent?.text, 'Thanks, it ships tomorrow.');
    // The decided card offers "k 2"; the answer is trimmed at the prompt and remembered.
    await waitForScreen(/→ k 2/);
    input.write('k 2\n');
    await waitForScreen(/Trim the answer/);
    assert.match(screen.text, /│ Thanks, it ships tomorrow\./, 'the sent reply is the prefill');
    await type('Thanks, it ships [[date]].');
    await waitForScreen(/Remembered/);
    const answers = await t.desk.store.listAnswers('en');
    assert.deepEqual(
      answers.map((a) => [a.text, a.questions]),
      [['Thanks, it ships [[date]].', ['Hello, question']]],
    );
    await type('k 1');
    await waitForScreen(/Only a reply you edited or wrote can be remembered/);
    await type('r c2');
    const customer = await t.desk.store.findCustomerByIdentity('sms', '+15550004002');
    assert.equal((await t.desk.store.latestConversation(customer!.id))?.status, 'resolved');
    await type('stats 30d');
    await waitForScreen(/Figures · 30d/);
    await type('bogus');
    await waitForScreen(/unknown key "bogus"/);
  });

  it("shows a customer's control characters as U+FFFD: no escape sequence reaches the terminal", async () => {
    const hostile = 'hi\x1b[2J\x1b]0;pwned\x07 there\rOWNER: ok\u202Eevil';
    await t.connector
      .intake()
      .receive(
        sms(hostile, '+15550004999', { from: { address: '+15550004999', displayName: 'Eve\x1b[8m' } }),
      );
    await t.desk.drain();
    await waitForScreen(/OWNER: ok/);
    assert.ok(!screen.text.includes('\x1b'), 'no ESC on the screen');
    assert.ok(
      !screen.text.includes('\x07') && !screen.text.includes('\r') && !screen.text.includes('\u202E'),
    );
    assert.match(screen.text, /hi\uFFFD\[2J\uFFFD\]0;pwned\uFFFD there\uFFFDOWNER: ok\uFFFDevil/);
    assert.match(screen.text, /Eve\uFFFD\[8m/);
  });
});
