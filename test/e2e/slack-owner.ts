/**
 * The owner's side in Slack: reading the support channel as the emulator holds it (roots,
 * threads, cards and their buttons) and acting the way Slack itself delivers an owner's
 * taps and typing to the desk — signed interaction forms and Events API envelopes.
 */
import assert from 'node:assert/strict';
import { decodeAction, type ActionRef } from '../../src/console/card.js';
import { SEND_VIA_ACTION } from '../../src/console/slack/blocks.js';
import { PERSON_PICK } from '../../src/console/slack/people.js';
import { checkOptionsResponse } from '../support/slack-emulator/block-limits.js';
import type { Channel } from '../../src/core/model.js';
import type { EmulatedMessage } from '../support/slack-emulator/index.js';
import {
  FORM,
  blockSuggestion,
  buttonClick,
  commandForm,
  eventEnvelope,
  interactionForm,
  postSigned,
  viewSubmission,
} from '../support/slack-emulator/requests.js';
import { SLACK, waitFor, type OmniDesk } from './omni-desk.js';

export interface Button {
  actionId: string;
  ref: ActionRef;
  /** A "Send via…" option (a static_select value), not a button. */
  select: boolean;
}

/** Everything a message shows, as one searchable string. */
export const shown = (m: EmulatedMessage): string => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

export function buttonsOf(message: EmulatedMessage): Button[] {
  const out: Button[] = [];
  for (const block of (message.blocks ?? []) as {
    type: string;
    elements?: { type: string; action_id: string; options?: { value: string }[] }[];
  }[]) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      const select = el.type === 'static_select';
      const values = select ? (el.options ?? []).map((o) => o.value) : [el.action_id];
      for (const v of values) {
        const ref = decodeAction(v);
        if (ref) out.push({ actionId: v, ref, select });
      }
    }
  }
  return out;
}

export class SlackOwner {
  constructor(private readonly d: () => OmniDesk) {}

  private get emu() {
    return this.d().slack;
  }

  /** Root messages (customer cards) in the support channel; a shared file (the /cs stats chart) is no card. */
  roots(): EmulatedMessage[] {
    return this.emu.messages.filter((m) => m.channel === SLACK.channel && !m.thread_ts && !m.files);
  }

  /** Roots whose customer card shows `text` (an address, a name). */
  rootsShowing(text: string): EmulatedMessage[] {
    return this.roots().filter((m) => shown(m).includes(text));
  }

  /** The thread under a root, without the root. */
  thread(root: EmulatedMessage): EmulatedMessage[] {
    return this.emu.messages.filter((m) => m.channel === root.channel && m.thread_ts === root.ts);
  }

  /** The customer's root as the desk remembers it (console refs in the store). */
  async rootOf(customerId: string): Promise<EmulatedMessage | undefined> {
    const ref = await this.d().desk.store.getRef('slack', `root:${customerId}`);
    if (!ref) return undefined;
    const i = ref.indexOf(':');
    return this.emu.messages.find((m) => m.channel === ref.slice(0, i) && m.ts === ref.slice(i + 1));
  }

  /** Waits for a card in the thread that shows `text` and satisfies `also`. */
  cardIn(
    root: EmulatedMessage,
    what: string,
    match: (m: EmulatedMessage) => boolean,
  ): Promise<EmulatedMessage> {
    return waitFor(what, () => this.thread(root).find(match));
  }

  /** The card of a draft (update-in-place key `draft:<id>`), wherever it is. */
  async draftCard(draftId: string): Promise<EmulatedMessage> {
    const ref = await waitFor(`the card of draft ${draftId}`, () =>
      this.d().desk.store.getRef('slack', `card:draft:${draftId}`),
    );
    const i = ref.indexOf(':');
    const card = this.emu.messages.find((m) => m.channel === ref.slice(0, i) && m.ts === ref.slice(i + 1));
    assert.ok(card, 'the draft card is in Slack');
    return card;
  }

  /**
   * A signed block_actions click as Slack sends it. `option` picks a "Send via…" option
   * (a static_select). Returns what the desk answered the owner through response_url.
   */
  async click(
    message: EmulatedMessage,
    button: Button,
    opts: { user?: string; secret?: string } = {},
  ): Promise<{ status: number; responseId: string }> {
    const responseUrl = this.emu.responseUrl();
    const payload = buttonClick({
      user: opts.user ?? SLACK.owner,
      actionId: button.select ? SEND_VIA_ACTION : button.actionId,
      channel: message.channel,
      messageTs: message.ts,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      triggerId: this.emu.triggerId(),
      responseUrl,
    });
    if (button.select) {
      (payload.actions as Record<string, unknown>[])[0] = {
        type: 'static_select',
        action_id: SEND_VIA_ACTION,
        block_id: 'b1',
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: button.actionId },
        action_ts: `${Date.now() / 1000}`,
      };
    }
    const secret = opts.secret ?? SLACK.signingSecret;
    const res = await postSigned(this.d().eventsUrl, secret, interactionForm(payload), { contentType: FORM });
    await res.text();
    return { status: res.status, responseId: responseUrl.split('/').pop() as string };
  }

  /** What the desk told the owner (ephemerally) for one click, once it has. */
  answerTo(responseId: string): Promise<string> {
    return waitFor('the ephemeral answer to a click', () => {
      const posts = this.emu.responses.get(responseId)?.posts ?? [];
      return posts.length ? JSON.stringify(posts) : undefined;
    });
  }

  button(message: EmulatedMessage, action: ActionRef['action'], arg?: Channel): Button {
    const found = buttonsOf(message).find(
      (b) => b.ref.action === action && (arg === undefined || b.ref.arg === arg),
    );
    assert.ok(found, `the card offers ${action}${arg ? ` ${arg}` : ''}: ${shown(message).slice(0, 400)}`);
    return found;
  }

  /**
   * The owner types in a customer's thread (a signed Events API message event); returns the HTTP
   * status and the envelope. `again` re-delivers an earlier envelope as Slack's retry does.
   */
  async type(
    root: EmulatedMessage,
    text: string,
    opts: { secret?: string; again?: { envelope: Record<string, unknown>; retryNum: number } } = {},
  ): Promise<{ status: number; envelope: Record<string, unknown> }> {
    const envelope =
      opts.again?.envelope ??
      eventEnvelope({
        type: 'message',
        user: SLACK.owner,
        text,
        ts: `${(Date.now() / 1000).toFixed(6)}`,
        thread_ts: root.ts,
        channel: root.channel,
        channel_type: 'channel',
        event_ts: `${Date.now() / 1000}`,
      });
    const retry = opts.again
      ? { 'x-slack-retry-num': String(opts.again.retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : undefined;
    const res = await postSigned(
      this.d().eventsUrl,
      opts.secret ?? SLACK.signingSecret,
      JSON.stringify(envelope),
      {
        ...(retry ? { headers: retry } : {}),
      },
    );
    await res.text();
    return { status: res.status, envelope };
  }

  /**
   * The owner shares a file in a customer's thread (Slack hosts it; a signed file_share message
   * event names it with its url_private). Returns the HTTP status.
   */
  async shareFile(
    root: EmulatedMessage,
    file: { name: string; mimetype: string; bytes: Buffer },
    text = '',
  ): Promise<number> {
    const hosted = this.emu.hostFile(file);
    const envelope = eventEnvelope({
      type: 'message',
      subtype: 'file_share',
      user: SLACK.owner,
      text,
      files: [hosted],
      upload: false,
      ts: `${(Date.now() / 1000).toFixed(6)}`,
      thread_ts: root.ts,
      channel: root.channel,
      channel_type: 'channel',
      event_ts: `${Date.now() / 1000}`,
    });
    const res = await postSigned(this.d().eventsUrl, SLACK.signingSecret, JSON.stringify(envelope));
    await res.text();
    return res.status;
  }

  /** `/cs <text>` typed by the owner in the support channel; resolves with what the owner was shown. */
  async command(text: string): Promise<string> {
    const responseUrl = this.emu.responseUrl();
    const body = commandForm({
      command: '/cs',
      text,
      user_id: SLACK.owner,
      user_name: 'owner',
      channel_id: SLACK.channel,
      response_url: responseUrl,
      trigger_id: this.emu.triggerId(),
    });
    const res = await postSigned(this.d().eventsUrl, SLACK.signingSecret, body, { contentType: FORM });
    const ack = await res.text();
    assert.equal(res.status, 200);
    const posted = await this.answerTo(responseUrl.split('/').pop() as string).catch(() => '');
    return ack + posted;
  }

  /**
   * Edit → the modal opens with the draft → the owner submits `text` (one box; the others emptied),
   * as Slack posts a view_submission. Returns the HTTP status of the submission.
   */
  async editAndSend(card: EmulatedMessage, text: string): Promise<number> {
    const opened = this.emu.callsTo('views.open').length;
    assert.equal((await this.click(card, this.button(card, 'edit'))).status, 200);
    const call = await waitFor('the edit modal', () => this.emu.callsTo('views.open')[opened]);
    assert.equal(call.ok, true, call.error);
    const view = call.args.view as {
      private_metadata: string;
      blocks: { type: string; block_id?: string }[];
    };
    const values: Record<string, Record<string, { type: string; value: string }>> = {};
    view.blocks
      .filter((b) => b.type === 'input' && b.block_id)
      .forEach((b, i) => {
        values[b.block_id as string] = { text: { type: 'plain_text_input', value: i === 0 ? text : '' } };
      });
    const submission = viewSubmission({
      user: SLACK.owner,
      name: 'owner',
      triggerId: this.emu.triggerId(),
      view: { callback_id: 'sd_edit', private_metadata: view.private_metadata },
      values,
    });
    const res = await postSigned(this.d().eventsUrl, SLACK.signingSecret, interactionForm(submission), {
      contentType: FORM,
    });
    await res.text();
    return res.status;
  }

  /**
   * "Same person as…" on `root`: the picker modal opens, the owner types `query` (Slack asks our
   * options URL, a block_suggestion), picks `intoId` among the options and submits. Returns the
   * options' labels as Slack would show them.
   */
  async samePerson(root: EmulatedMessage, query: string, intoId: string): Promise<string[]> {
    const opened = this.emu.callsTo('views.open').length;
    assert.equal((await this.click(root, this.button(root, 'same_person'))).status, 200);
    const call = await waitFor('the picker modal', () => this.emu.callsTo('views.open')[opened]);
    assert.equal(call.ok, true, call.error);
    const view = call.args.view as { callback_id: string; private_metadata: string };
    const post = async (payload: Record<string, unknown>) => {
      const res = await postSigned(this.d().eventsUrl, SLACK.signingSecret, interactionForm(payload), {
        contentType: FORM,
      });
      assert.equal(res.status, 200);
      return res.text();
    };
    const answer = JSON.parse(
      await post(
        blockSuggestion({ user: SLACK.owner, actionId: PERSON_PICK, blockId: 'person', value: query, view }),
      ),
    ) as { options: { text: { text: string }; value: string }[] };
    assert.deepEqual(checkOptionsResponse(answer), []);
    assert.ok(
      answer.options.some((o) => o.value === intoId),
      `"${query}" finds the customer: ${JSON.stringify(answer.options)}`,
    );
    await post(
      viewSubmission({
        user: SLACK.owner,
        triggerId: this.emu.triggerId(),
        view,
        values: {
          person: { [PERSON_PICK]: { type: 'external_select', selected_option: { value: intoId } } },
        },
      }),
    );
    return answer.options.map((o) => o.text.text);
  }
}
