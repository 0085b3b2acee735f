/**
 * §7.33: every interaction is answered or deferred before Discord's deadline even when the
 * desk is slow. The emulator's deadline is shortened to 300 ms and the fake desk takes
 * 600 ms, so any handler that did the work before acknowledging would fail here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiscordClient } from '../../../connectors/discord/client.js';
import { createDiscordConsole } from '../../../src/console/discord/index.js';
import type { Command } from '../../../commands/command.js';
import type { Decision, Draft } from '../../../src/core/model.js';
import type { CustomerView, DecideInput, DecisionResult, DeskApi } from '../../../src/core/ports.js';
import { decodeAction } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { recordingPacer, silentLogger } from '../../support/discord-emulator/harness.js';

const SLOW_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const view: CustomerView = {
  customer: { id: 'c1', createdAt: new Date(0), optedOut: [], name: 'Li Lei', language: 'zh' },
  identities: [{ channel: 'sms', address: '+15550001111' }],
  conversation: {
    id: 'v1',
    customerId: 'c1',
    channel: 'sms',
    status: 'open',
    openedAt: new Date(0),
    lastInboundAt: new Date(0),
  },
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};
const draft: Draft = {
  id: 'd1',
  customerId: 'c1',
  conversationId: 'v1',
  text: '您好，我们正在处理。',
  language: 'zh',
  channel: 'sms',
  replyRef: 'sms:+1:+2',
  origin: 'auto',
  status: 'pending',
  createdAt: new Date(0),
};

const longDraft: Draft = { ...draft, id: 'd2', text: `${'详细说明。'.repeat(700)}[[order number]]` };

function slowDesk(): DeskApi & { decided: DecideInput[] } {
  const refs = new Map<string, string>();
  const decided: DecideInput[] = [];
  return {
    decided,
    async decide(input): Promise<DecisionResult> {
      await sleep(SLOW_MS);
      decided.push(input);
      const decision: Decision = {
        id: 'x',
        draftId: input.draftId,
        kind: 'send',
        actor: input.actor,
        decidedAt: new Date(),
      };
      return decided.length === 1 ? { kind: 'discarded', decision } : { kind: 'already_decided', decision };
    },
    note: async () => undefined,
    resolve: async () => ({ kind: 'ok' }),
    reopen: async () => ({ kind: 'ok' }),
    retry: async () => ({ kind: 'ok' }),
    merge: async () => ({ kind: 'ok' }),
    callBack: async () => ({ kind: 'rejected', reason: 'no phone connector' }),
    canCallBack: () => true,
    view: async () => view,
    draft: async (id) => (id === longDraft.id ? longDraft : draft),
    message: async () => undefined,
    replyChannels: async () => ['sms'],
    pendingDrafts: async () => [draft],
    refs: {
      get: async (c, k) => refs.get(`${c}/${k}`),
      set: async (c, k, v) => void refs.set(`${c}/${k}`, v),
      findKey: async (c, v) =>
        [...refs].find(([k, x]) => k.startsWith(`${c}/`) && x === v)?.[0].slice(c.length + 1),
    },
  };
}

const slowStats: Command = {
  name: 'stats',
  usage: 'stats [today|7d|30d|90d|all] [channel]',
  summary: { en: 'Figures', zh: '数据' },
  async run(args) {
    await sleep(SLOW_MS);
    return {
      title: `Figures ${args.join(' ')}`,
      sections: [{ heading: 'Volume', fields: [{ label: 'C', value: '3' }] }],
    };
  },
};

let emu: DiscordEmulator;
let owner: FakeUser;
let module: ReturnType<typeof createDiscordConsole>;
const desk = slowDesk();

before(async () => {
  emu = await DiscordEmulator.start({ interactionDeadlineMs: 300 });
  owner = emu.user('owner');
  const handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
  module = createDiscordConsole(
    {
      client: handle,
      guildId: emu.guildId,
      forumChannelId: emu.forumId,
      ownerIds: [owner.id],
      language: 'zh',
    },
    {
      logger: silentLogger(),
      pacer: recordingPacer(),
      clock: { now: () => new Date() },
      commands: [slowStats],
    },
  );
  await module.console.start(desk);
  await module.console.publish({ type: 'draft', view, draft });
  await module.console.publish({ type: 'draft', view, draft: longDraft });
  await module.console.drain();
});

after(async () => {
  await module.console.stop();
  await emu.close();
});

test('a slow decision is deferred in time; its outcome follows up ephemerally', async () => {
  // Owner language zh: the forum tags and the post speak Chinese.
  assert.deepEqual(emu.tagNames(emu.threads()[0]!.applied_tags).sort(), ['处理中', '短信'].sort());
  const card = emu
    .messagesIn(emu.threads()[0]!.id)
    .find((m) => JSON.stringify(m.components).includes('sd1:discard:d1'))!;
  assert.match(String(card.content), /待发送|草拟|您好/);
  const discard = JSON.stringify(card.components).match(/sd1:discard:d1/)?.[0];
  assert.ok(discard && decodeAction(discard));
  const first = emu.click(owner, String(card.id), discard);
  assert.equal((await emu.acknowledged(first)).type, 6);
  const second = emu.click(owner, String(card.id), discard);
  assert.equal((await emu.acknowledged(second)).type, 6);
  await emu.waitFor(() => second.followUps[0], 3000, 'follow-up');
  assert.match(String(second.followUps[0]!.content), /已由 owner 处理/);
  assert.equal(Number(second.followUps[0]!.flags) & 64, 64);
  assert.equal(desk.decided.length, 2);
  assert.deepEqual(emu.violations, []);
});

test('Call back on the customer card reaches the desk; a refusal is told privately', async () => {
  const starter = emu.messagesIn(emu.threads()[0]!.id)[0]!;
  assert.ok(JSON.stringify(starter.components).includes('sd1:call_back:c1'));
  const click = emu.click(owner, String(starter.id), 'sd1:call_back:c1');
  assert.equal((await emu.acknowledged(click)).type, 6);
  await emu.waitFor(() => click.followUps[0], 3000, 'refusal');
  assert.match(String(click.followUps[0]!.content), /no phone connector/);
});

test('a slow /cs stats is deferred in time and then answered', async () => {
  const asked = emu.slash(owner, 'cs', 'stats', { period: '30d', channel: 'sms' });
  assert.equal((await emu.acknowledged(asked)).type, 5);
  const answer = await emu.waitFor(
    () => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined),
    3000,
    'answer',
  );
  assert.match(String(answer.content), /Figures 30d sms/);
  assert.deepEqual(emu.violations, []);
});

test('a long draft: Show in full answers privately with the text attached; Edit refuses unfilled blanks', async () => {
  const card = emu
    .messagesIn(emu.threads()[0]!.id)
    .find((m) => JSON.stringify(m.components).includes('sd1:edit:d2'))!;
  assert.ok(String(card.content).length <= 2000);
  assert.ok(!JSON.stringify(card.components).includes('sd1:send:d2'), 'no Send while blanks remain');
  const show = emu.click(owner, String(card.id), 'sd1:show_draft:d2');
  const ack = await emu.acknowledged(show);
  assert.equal(ack.type, 5);
  assert.equal(Number(ack.data?.flags) & 64, 64);
  await emu.waitFor(
    () => emu.calls.find((c) => c.files.some((f) => f.filename === 'full-text.txt')),
    3000,
    'full text file',
  );

  const edit = emu.click(owner, String(card.id), 'sd1:edit:d2');
  const modal = await emu.acknowledged(edit);
  assert.equal(modal.type, 9);
  const before = desk.decided.length;
  const submit = emu.submitModal(owner, edit, {});
  const refused = await emu.acknowledged(submit);
  assert.equal(refused.type, 4);
  assert.match(String(refused.data?.content), /\[\[…\]\]/);
  assert.equal(desk.decided.length, before);
  assert.deepEqual(emu.violations, []);
});
