/**
 * The terminal's `tp` key for WhatsApp beyond 24 h: the draft's hint offers it, `tp N`
 * lists the approved template with its variables filled, `tp N 1 | …` sends it once with
 * its content SID (Twilio emulator); typing it again sends nothing more.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTerminalConsole } from '../../../src/console/terminal/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import {
  startWhatsappTemplates,
  whatsappInbound,
  type WhatsappTemplates,
} from '../../support/whatsapp-templates.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

let t: TestDesk;
let wa: WhatsappTemplates;
const screen = new TerminalScreen(1000);
const { input, output } = screen;
const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
const type = (line: string) => screen.type(line, () => t.desk.drain());

before(async () => {
  wa = await startWhatsappTemplates();
  const terminal = createTerminalConsole({
    input,
    output,
    commands: [],
    ownerLanguage: 'en',
    logger: createLogger('silent'),
  });
  t = await startTestDesk({ overrides: { consoles: [terminal], connectors: [wa.module] } });
});
after(async () => {
  await t.stop();
  await wa.stop();
  input.end();
});

it('beyond 24 h: tp lists the approved template and sends it once with its content SID', async () => {
  wa.clock.advance(25 * 3_600_000);
  await t.connector.intake().receive(whatsappInbound('Any news?'));
  await t.desk.drain();
  await waitForScreen(/→ s 1 .*tp 1/);
  await type('tp 1');
  await waitForScreen(/1\) request_update — Hi \{\{1\}\}/);
  assert.match(screen.text, /\{\{1\}\}=Ana {2}\{\{2\}\}=Hello, we are on it\./);
  assert.doesNotMatch(screen.text, /not_yet_approved/, 'only approved templates');
  await type('tp 1 1 | | Your refund is on its way.');
  await type('tp 1 1');
  for (let i = 0; i < 200 && wa.emulator.messages.length === 0; i++)
    await new Promise((r) => setTimeout(r, 25));
  await t.desk.drain();
  assert.equal(wa.emulator.messages.length, 1);
  assert.equal(wa.emulator.messages[0]?.contentSid, wa.approved.sid);
  assert.deepEqual(wa.emulator.messages[0]?.contentVariables, {
    '1': 'Ana',
    '2': 'Your refund is on its way.',
  });
  await waitForScreen(/already decided/);
});
