/**
 * WhatsApp beyond 24 h in Slack: the draft card offers "Send template…", the modal lists the
 * approved template with its variables filled from the customer and the draft, and
 * submitting (even twice) sends exactly one message with its ContentSid (Twilio emulator).
 * Inside the window the option is not offered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeAction, type ActionRef } from '../../../src/console/card.js';
import type { EmulatedMessage } from '../../support/slack-emulator/index.js';
import {
  FORM,
  buttonClick,
  interactionForm,
  postSigned,
  viewSubmission,
} from '../../support/slack-emulator/requests.js';
import {
  OWNER,
  SIGNING_SECRET,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';
import {
  startWhatsappTemplates,
  whatsappInbound,
  WA_CUSTOMER,
  type WhatsappTemplates,
} from '../../support/whatsapp-templates.js';

let wa: WhatsappTemplates;
let d: SlackDesk;
before(async () => {
  wa = await startWhatsappTemplates();
  d = await startSlackDesk({ overrides: { connectors: [wa.module] } });
});
after(async () => {
  await d.stop();
  await wa.stop();
});

function actionsOf(m: EmulatedMessage): { actionId: string; ref: ActionRef; text?: string }[] {
  const out: { actionId: string; ref: ActionRef; text?: string }[] = [];
  for (const block of (m.blocks ?? []) as {
    type: string;
    elements?: { action_id: string; text?: { text: string } }[];
  }[]) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      const ref = decodeAction(el.action_id);
      if (ref) out.push({ actionId: el.action_id, ref, ...(el.text ? { text: el.text.text } : {}) });
    }
  }
  return out;
}

function draftCards(): EmulatedMessage[] {
  return d.emu.messages.filter((m) => actionsOf(m).some((a) => a.ref.action === 'send'));
}

async function post(payload: Record<string, unknown>) {
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  assert.equal(res.status, 200);
  await d.settle();
  return res;
}

test('inside the 24-hour window the draft card does not offer Send template…', async () => {
  await d.connector.intake().receive(whatsappInbound('Where is my order?'));
  await d.settle();
  const card = draftCards().at(-1);
  assert.ok(card, 'a draft card was posted');
  assert.deepEqual(
    actionsOf(card).map((a) => a.ref.action),
    ['send', 'edit', 'discard'],
  );
});

test('beyond 24 h: Send template… opens a modal with the approved template filled; two submits send once', async () => {
  // The owner answers a day later (the connector's and Twilio's clock; the desk keeps real time).
  wa.clock.advance(25 * 3_600_000);
  const [draft] = await d.desk.api.pendingDrafts();
  assert.ok(draft);
  await d.desk.api.note(draft.customerId, 'Your refund was approved yesterday. It will arrive soon.', {
    console: 'slack',
    userId: OWNER,
  });
  await d.settle();
  const card = draftCards().at(-1)!;
  const offer = actionsOf(card).find((a) => a.ref.action === 'send_template');
  assert.ok(offer, 'the draft card offers a template');
  assert.equal(offer.text, 'Send template…');

  // Plain Send is blocked as before.
  const sendRef = actionsOf(card).find((a) => a.ref.action === 'send')!;
  const blockedUrl = d.emu.responseUrl();
  await post(
    buttonClick({
      user: OWNER,
      actionId: sendRef.actionId,
      channel: card.channel,
      messageTs: card.ts,
      ...(card.thread_ts ? { threadTs: card.thread_ts } : {}),
      triggerId: d.emu.triggerId(),
      responseUrl: blockedUrl,
    }),
  );
  assert.match(JSON.stringify(d.emu.responses.get(blockedUrl.split('/').pop()!)?.posts ?? []), /24 hours/);
  assert.equal(wa.emulator.messages.length, 0, 'nothing went out');

  await post(
    buttonClick({
      user: OWNER,
      actionId: offer.actionId,
      channel: card.channel,
      messageTs: card.ts,
      ...(card.thread_ts ? { threadTs: card.thread_ts } : {}),
      triggerId: d.emu.triggerId(),
      responseUrl: d.emu.responseUrl(),
    }),
  );
  const open = d.emu.callsTo('views.open').at(-1)!;
  assert.equal(open.ok, true, open.error);
  const modal = open.args.view as {
    callback_id: string;
    private_metadata: string;
    blocks: {
      type: string;
      block_id?: string;
      element?: {
        type: string;
        initial_value?: string;
        options?: { value: string; text: { text: string } }[];
      };
    }[];
  };
  const pick = modal.blocks.find((b) => b.block_id === 'template')!;
  assert.deepEqual(
    pick.element?.options?.map((o) => [o.value, o.text.text]),
    [[wa.approved.sid, 'request_update']],
    'only the approved template is offered',
  );
  const vars = modal.blocks.filter((b) => b.block_id?.startsWith('v:'));
  assert.deepEqual(
    vars.map((b) => [b.block_id, b.element?.initial_value]),
    [
      [`v:${wa.approved.sid}:1`, 'Ana'],
      [`v:${wa.approved.sid}:2`, 'Your refund was approved yesterday.'],
    ],
  );

  const submit = viewSubmission({
    user: OWNER,
    name: 'owner',
    triggerId: d.emu.triggerId(),
    view: { callback_id: modal.callback_id, private_metadata: modal.private_metadata },
    values: {
      template: { pick: { type: 'radio_buttons', selected_option: { value: wa.approved.sid } } },
      [`v:${wa.approved.sid}:1`]: { value: { type: 'plain_text_input', value: 'Ana Li' } },
      [`v:${wa.approved.sid}:2`]: {
        value: { type: 'plain_text_input', value: 'Your refund is on its way.' },
      },
    },
  });
  await Promise.all([post(submit), post(submit)]);
  await d.settle();
  await waitFor(() => wa.emulator.messages.length > 0);
  assert.equal(wa.emulator.messages.length, 1, 'exactly one message');
  const sent = wa.emulator.messages[0]!;
  assert.equal(sent.to, `whatsapp:${WA_CUSTOMER}`);
  assert.equal(sent.contentSid, wa.approved.sid);
  assert.deepEqual(sent.contentVariables, { '1': 'Ana Li', '2': 'Your refund is on its way.' });
  assert.deepEqual(wa.emulator.violations, []);
  await waitFor(() =>
    /request_update/.test(JSON.stringify(d.emu.messages.find((m) => m.ts === card.ts)?.blocks)),
  );
  const decided = JSON.stringify(d.emu.messages.find((m) => m.ts === card.ts)?.blocks);
  assert.match(decided, /Template “request_update”/);
  assert.match(decided, /Hi Ana Li, an update on your request: Your refund is on its way\./);
});

async function waitFor(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await d.settle();
    await new Promise((r) => setTimeout(r, 50));
  }
}
