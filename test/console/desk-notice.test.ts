/**
 * Desk notices (a notice about the desk, not one customer) in every console, tripped the real
 * way: the website chat's desk-wide limit of new visitors. Slack gets one top-level post in the
 * support channel, Discord one post of its own, the terminal one line — once per trip, in
 * OWNER_LANGUAGE. And the hub: a console that fails does not stop the others.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createDesk } from '../../src/app.js';
import { ConsoleHub } from '../../src/core/console-hub.js';
import type { Console } from '../../src/core/ports.js';
import { createTerminalConsole } from '../../src/console/terminal/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { ChatClient } from '../connectors/webchat/harness.js';
import { startTestDesk } from '../support/desk-harness.js';
import { DiscordEmulator } from '../support/discord-emulator/index.js';
import { silentLogger } from '../support/discord-emulator/harness.js';
import { SUPPORT, startSlackDesk } from '../support/slack-emulator/harness.js';
import { stubClassifier, stubDrafter } from '../support/stub-nlp.js';
import { testConfig } from '../support/test-config.js';
import { discordConsoleVars } from '../support/discord-desk.js';

/** Three new visitors from three addresses against a desk-wide limit of one. */
async function tripChatLimit(deskUrl: string): Promise<string[]> {
  const answers: string[] = [];
  for (const from of ['127.0.0.21', '127.0.0.22', '127.0.0.23']) {
    const client = await ChatClient.open(`${deskUrl.replace('http', 'ws')}/chat/ws`, deskUrl, {
      localAddress: from,
    });
    client.send({ type: 'hello' });
    const answer = await client.next((f) => f.type === 'welcome' || f.type === 'error');
    answers.push(answer.type === 'error' ? String(answer.code) : answer.type);
    client.close();
  }
  return answers;
}

const LIMIT = { WEBCHAT_NEW_VISITORS_PER_HOUR: '1' };

describe('desk notices', () => {
  it('Slack: one top-level post in the support channel, in the owner language', async () => {
    const d = await startSlackDesk({ env: LIMIT, ownerLanguage: 'zh' });
    try {
      assert.deepEqual(await tripChatLimit(d.desk.url), ['welcome', 'chat_busy', 'chat_busy']);
      await d.settle();
      const notices = d.emu.messages.filter(
        (m) => m.channel === SUPPORT && /WEBCHAT_NEW_VISITORS_PER_HOUR/.test(String(m.text)),
      );
      assert.equal(notices.length, 1, 'once per trip');
      assert.equal(notices[0]?.thread_ts, undefined, 'top level: it belongs to no customer');
      assert.match(String(notices[0]?.text), /网站聊天/);
    } finally {
      await d.stop();
    }
  });

  it('Discord: one post of its own', async () => {
    const emu = await DiscordEmulator.start({ forumFlags: 16 });
    const owner = emu.user('owner');
    const desk = await createDesk(
      testConfig({
        ...LIMIT,
        ...discordConsoleVars(emu, owner.id),
      }),
      { logger: silentLogger(), classifier: stubClassifier, drafter: stubDrafter, terminal: false, port: 0 },
    );
    await desk.start();
    try {
      assert.deepEqual(await tripChatLimit(desk.url), ['welcome', 'chat_busy', 'chat_busy']);
      let posts: ReturnType<DiscordEmulator['threads']> = [];
      for (let i = 0; i < 100 && posts.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        posts = emu.threads().filter((t) => /Notice/.test(String(t.name)));
      }
      assert.equal(posts.length, 1);
      const [first] = emu.messagesIn(posts[0]!.id);
      assert.match(String(first?.content), /limit of 1 new visitors per hour was reached/);
    } finally {
      await desk.stop();
      await emu.close();
    }
  });

  it('terminal: one line', async () => {
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const terminal = createTerminalConsole({
      input: new PassThrough(),
      output,
      commands: [],
      ownerLanguage: 'en',
      logger: createLogger('silent'),
    });
    const t = await startTestDesk({ env: LIMIT, overrides: { consoles: [terminal] } });
    try {
      assert.deepEqual(await tripChatLimit(t.desk.url), ['welcome', 'chat_busy', 'chat_busy']);
      await t.desk.drain();
      for (let i = 0; i < 100 && !/new visitors per hour/.test(screen); i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(screen.match(/new visitors per hour was reached/g)?.length, 1, screen);
      assert.deepEqual(t.console.notices, [{ kind: 'webchat_new_visitors_limited', perHour: 1 }]);
    } finally {
      await t.stop();
    }
  });

  it('the hub: a failing console is logged and the others still get the notice', async () => {
    const got: string[] = [];
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const failing: Console = {
      name: 'broken',
      start: async () => undefined,
      stop: async () => undefined,
      publish: async () => undefined,
      announce: async () => {
        throw new Error('down');
      },
    };
    const working: Console = { ...failing, name: 'ok', announce: async (n) => void got.push(n.kind) };
    const silent: Console = { ...failing, name: 'no-announce', announce: undefined };
    const hub = new ConsoleHub([failing, working, silent], silentLogger(lines));
    const ok = await hub.announce({ kind: 'webchat_new_visitors_limited', perHour: 5 });
    assert.equal(ok, false);
    assert.deepEqual(got, ['webchat_new_visitors_limited']);
    assert.ok(lines.some((l) => l.level === 'error' && (l.obj as { console?: string }).console === 'broken'));
  });
});
