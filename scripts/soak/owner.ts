/**
 * The owner: watches the Slack channel (as the Slack emulator holds it) for draft cards and
 * approves a share of them with Send — mostly one tap, some double taps, some tapped in Slack
 * and Discord at the same moment.
 *
 * What counts as an approval: a tap the desk acknowledged (Slack: HTTP 200 to the signed
 * interaction; Discord: an interaction callback). A tap that reaches a dead desk is no
 * approval — Slack does not retry interactions and Discord shows "interaction failed" — so
 * the owner taps again while the card still offers Send. A tap acknowledged and then lost in
 * a crash (the card never changes) is tapped again too, as an owner would; `retaps` counts those.
 */
import { decodeAction } from '../../src/console/card.js';
import { buttonsOf } from '../../test/e2e/slack-owner.js';
import {
  buttonClick,
  FORM,
  interactionForm,
  postSigned,
} from '../../test/support/slack-emulator/requests.js';
import type { Rng } from './rng.js';
import { SLACK, type World } from './world.js';

type Json = Record<string, unknown>;
type Offer = { channel: string; ts: string; threadTs?: string; actionId: string };
export type TapMode = 'single' | 'double' | 'two-consoles';

export interface Approval {
  draftId: string;
  mode: TapMode;
  taps: number;
  /** Taps the desk acknowledged. */
  acked: number;
  /** Taps made again because the card still offered Send after an acknowledged tap. */
  retaps: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Owner {
  readonly approvals = new Map<string, Approval>();
  readonly skipped = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly lastTap = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly deskUrl: () => string,
    private readonly deskUp: () => boolean,
    private readonly rng: Rng,
    private readonly approveShare: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.round()
        .catch(() => undefined)
        .finally(() => (this.busy = false));
    }, 400);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Per Slack message (by ts): the version last read and the Send offers it held then. */
  private readonly seen = new Map<string, { updates: number; offers: [string, Offer][] }>();

  /** Draft cards in Slack that still offer Send: draft id → the message. */
  private offers(): Map<string, Offer> {
    const out = new Map<string, Offer>();
    for (const m of this.world.slack.messages) {
      if (m.channel !== SLACK.channel) continue;
      // Reading blocks is the costly part: only messages new or updated since the last pass.
      let known = this.seen.get(m.ts);
      if (!known || known.updates !== m.updates) {
        const offers: [string, Offer][] = [];
        for (const b of buttonsOf(m)) {
          if (b.ref.action !== 'send' || b.select) continue;
          offers.push([
            b.ref.id,
            {
              channel: m.channel,
              ts: m.ts,
              ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
              actionId: b.actionId,
            },
          ]);
        }
        known = { updates: m.updates, offers };
        this.seen.set(m.ts, known);
      }
      for (const [id, offer] of known.offers) out.set(id, offer);
    }
    return out;
  }

  /** One pass: new draft cards get a decision; approved ones still offering Send get tapped again. */
  async round(): Promise<void> {
    const offers = this.offers();
    const taps: Promise<void>[] = [];
    for (const [draftId, card] of offers) {
      let approval = this.approvals.get(draftId);
      if (!approval) {
        if (this.skipped.has(draftId)) continue;
        if (!this.rng.chance(this.approveShare)) {
          this.skipped.add(draftId);
          continue;
        }
        const r = this.rng.next();
        const mode: TapMode =
          r < 0.7 ? 'single' : r < 0.85 || !this.world.discord ? 'double' : 'two-consoles';
        approval = { draftId, mode, taps: 0, acked: 0, retaps: 0 };
        this.approvals.set(draftId, approval);
      } else {
        // Still offering Send: tap again only if the desk is up and some time has passed.
        if (!this.deskUp() || Date.now() - (this.lastTap.get(draftId) ?? 0) < 10_000) continue;
        if (approval.acked > 0) approval.retaps += 1;
      }
      this.lastTap.set(draftId, Date.now());
      taps.push(this.tap(approval, card));
      if (taps.length >= 20) break;
    }
    await Promise.all(taps);
  }

  private async tap(approval: Approval, card: Offer): Promise<void> {
    const tries: Promise<boolean>[] = [this.slackTap(card)];
    if (approval.mode === 'double') tries.push(sleep(this.rng.int(0, 150)).then(() => this.slackTap(card)));
    if (approval.mode === 'two-consoles') tries.push(this.discordTap(approval.draftId));
    approval.taps += tries.length;
    const results = await Promise.all(tries);
    approval.acked += results.filter(Boolean).length;
  }

  private async slackTap(card: Offer) {
    const slack = this.world.slack;
    const payload = buttonClick({
      user: SLACK.owner,
      actionId: card.actionId,
      channel: card.channel,
      messageTs: card.ts,
      ...(card.threadTs ? { threadTs: card.threadTs } : {}),
      triggerId: slack.triggerId(),
      responseUrl: slack.responseUrl(),
    });
    try {
      const res = await postSigned(
        `${this.deskUrl()}/slack/events`,
        SLACK.signingSecret,
        interactionForm(payload),
        { contentType: FORM },
      );
      await res.text();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async discordTap(draftId: string): Promise<boolean> {
    const emu = this.world.discord;
    const user = this.world.discordOwner;
    if (!emu || !user) return false;
    for (const thread of emu.threads()) {
      for (const message of emu.messagesIn(thread.id) as Json[]) {
        const ids = JSON.stringify(message.components ?? []).match(/sd1:[A-Za-z0-9_.:-]+/g) ?? [];
        const id = ids.find((x) => {
          const ref = decodeAction(x);
          return ref?.action === 'send' && ref.id === draftId;
        });
        if (!id) continue;
        const record = emu.click(user, String(message.id), id);
        return emu
          .acknowledged(record, 10_000)
          .then(() => true)
          .catch(() => false);
      }
    }
    return false;
  }
}
