/**
 * The tally after the run, from the emulators' own records and the store (read through a
 * second, read-only SQLite connection):
 *   - each accepted inbound (by its tag) is stored exactly once and shown once per console;
 *   - each approved draft (a committed Send decision) reaches its recipient exactly once:
 *     deliveries are matched by (channel, recipient, text) as multisets, so two approved
 *     drafts with the same text to the same person expect two deliveries;
 *   - nothing is stuck: no job left pending/sending, no message stored but never shown, no
 *     acknowledged tap whose draft is still undecided.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseReplyRef } from '../../src/core/reply-ref.js';
import type { Owner } from './owner.js';
import type { Sent } from './traffic.js';
import { SLACK, TWILIO, type World } from './world.js';

export interface Delivery {
  channel: string;
  to: string;
  text: string;
}

export interface Tally {
  messagesIn: number;
  inboundDeliveries: number;
  notAccepted: number;
  storedTwice: number;
  lostInbound: number;
  shownTwice: number;
  notShown: number;
  approved: number;
  tapsAcked: number;
  retaps: number;
  lostTaps: number;
  decidedTwice: number;
  delivered: number;
  duplicatesSent: number;
  lostReplies: number;
  failedJobs: number;
  stuckJobs: number;
  /**
   * Jobs taken over after a kill mid-send on a channel that cannot recognise a repeat: held for
   * the owner (Send again / It arrived), never resent by themselves. Each counts as delivered
   * if it arrived once and is neither lost nor a duplicate if it did not; twice is a duplicate.
   */
  uncertainJobs: number;
  stuckMessages: number;
  otherSends: number;
  /** Approved chat replies not checked (the histories could not be read). */
  unverified: number;
  details: string[];
}

const TAG = /sk\d{6}/g;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const bare = (address: string) => address.replace(/^whatsapp:/, '');

/** What every platform emulator recorded as delivered to a customer. */
export function deliveries(world: World, webchat: Delivery[] | undefined): Delivery[] {
  const out: Delivery[] = [];
  for (const m of world.twilio.messages) {
    if (m.body === undefined) continue;
    const wa = m.to.startsWith('whatsapp:');
    if (!wa && m.from !== TWILIO.number) continue;
    out.push({ channel: wa ? 'whatsapp' : 'sms', to: bare(m.to), text: m.body });
  }
  for (const m of world.meta.sent) out.push({ channel: 'messenger', to: m.recipientId, text: m.text ?? '' });
  for (const m of world.telegram.sent) out.push({ channel: 'telegram', to: String(m.chatId), text: m.text });
  for (const m of world.smtp?.mails ?? [])
    for (const to of m.envelope.to) out.push({ channel: 'email', to, text: m.parsed.text ?? '' });
  out.push(...(webchat ?? []));
  return out;
}

interface JobRow {
  id: string;
  draft_id: string | null;
  channel: string;
  reply_ref: string;
  text: string;
  status: string;
  purpose: string;
  last_error: string | null;
}

/** `webchat` undefined: the chat histories could not be read, so chat replies are left unverified. */
export function tally(world: World, sent: Sent[], owner: Owner, webchat: Delivery[] | undefined): Tally {
  const db = new Database(join(world.dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
  const details: string[] = [];
  try {
    // ---- inbound: stored once
    const stored = new Map<string, number>();
    const unshown: string[] = [];
    for (const row of db.prepare("SELECT text, stage FROM messages WHERE direction = 'in'").all() as {
      text: string;
      stage: string;
    }[]) {
      for (const tag of row.text.match(TAG) ?? []) {
        stored.set(tag, (stored.get(tag) ?? 0) + 1);
        if (row.stage !== 'presented') unshown.push(tag);
      }
    }
    let storedTwice = 0;
    let lostInbound = 0;
    let notAccepted = 0;
    for (const s of sent) {
      const n = stored.get(s.tag) ?? 0;
      if (n > 1) {
        storedTwice += n - 1;
        details.push(`inbound ${s.tag} (${s.channel}) stored ${n} times`);
      }
      if (!s.accepted) notAccepted += 1;
      if (s.accepted && n === 0) {
        lostInbound += 1;
        details.push(`inbound ${s.tag} (${s.channel}) acknowledged to the platform but never stored`);
      }
    }
    // ---- inbound: shown once in each console (a card in the customer's Slack thread / Discord post)
    const shownSlack = new Map<string, number>();
    for (const m of world.slack.messages) {
      if (m.channel !== SLACK.channel || !m.thread_ts) continue;
      const seen = new Set((JSON.stringify(m.blocks ?? []) + (m.text ?? '')).match(TAG) ?? []);
      for (const tag of seen) shownSlack.set(tag, (shownSlack.get(tag) ?? 0) + 1);
    }
    const shownDiscord = new Map<string, number>();
    if (world.discord) {
      for (const thread of world.discord.threads()) {
        for (const m of world.discord.messagesIn(thread.id)) {
          const seen = new Set(JSON.stringify(m).match(TAG) ?? []);
          for (const tag of seen) shownDiscord.set(tag, (shownDiscord.get(tag) ?? 0) + 1);
        }
      }
    }
    let shownTwice = 0;
    let notShown = 0;
    for (const [tag] of stored) {
      for (const [name, shown] of [
        ['slack', shownSlack],
        ...(world.discord ? [['discord', shownDiscord]] : []),
      ] as [string, Map<string, number>][]) {
        const n = shown.get(tag) ?? 0;
        if (n === 0) {
          notShown += 1;
          details.push(`inbound ${tag} stored but not shown in ${name}`);
        } else if (n > 1) {
          shownTwice += n - 1;
          details.push(`inbound ${tag} shown ${n} times in ${name}`);
        }
      }
    }

    // ---- replies: each approved draft delivered exactly once
    const decisions = db
      .prepare("SELECT draft_id, kind FROM decisions WHERE kind IN ('send', 'edit_send', 'send_via')")
      .all() as { draft_id: string; kind: string }[];
    const decidedCount = new Map<string, number>();
    for (const d of decisions) decidedCount.set(d.draft_id, (decidedCount.get(d.draft_id) ?? 0) + 1);
    const decidedTwice = [...decidedCount.values()].filter((n) => n > 1).length;
    const jobs = db
      .prepare(
        'SELECT id, draft_id, channel, reply_ref, text, status, purpose, last_error FROM outbox ORDER BY created_at',
      )
      .all() as JobRow[];
    const jobsOfDraft = new Map<string, JobRow[]>();
    for (const j of jobs)
      if (j.draft_id) jobsOfDraft.set(j.draft_id, [...(jobsOfDraft.get(j.draft_id) ?? []), j]);

    const key = (channel: string, to: string, text: string) =>
      `${channel}\u0000${bare(to)}\u0000${norm(text)}`;
    const expected = new Map<string, number>();
    /** Uncertain jobs' keys: delivered at most once (the owner has not answered). */
    const maybe = new Map<string, number>();
    let failedJobs = 0;
    let uncertainJobs = 0;
    let stuckJobs = 0;
    for (const [draftId] of decidedCount) {
      const own = jobsOfDraft.get(draftId) ?? [];
      if (own.length === 0) {
        details.push(`draft ${draftId} approved but no outbox job`);
        continue;
      }
      for (const j of own) {
        const ref = parseReplyRef(j.reply_ref);
        const k = key(j.channel, ref?.theirs ?? j.reply_ref, j.text);
        const into = j.status === 'uncertain' ? maybe : expected;
        into.set(k, (into.get(k) ?? 0) + 1);
      }
    }
    for (const j of jobs) {
      if (j.status === 'failed') {
        failedJobs += 1;
        details.push(`job ${j.id} (${j.channel}) failed: ${j.last_error ?? ''}`);
      } else if (j.status === 'uncertain') {
        uncertainJobs += 1;
        details.push(`job ${j.id} (${j.channel}) uncertain: waits for the owner's answer`);
      } else if (j.status !== 'sent') {
        stuckJobs += 1;
        details.push(`job ${j.id} (${j.channel}) left ${j.status}`);
      }
    }
    // Match deliveries to expected keys: the delivered text equals, or (email: the body) contains, the job text.
    const expectedKeys = [...new Set([...expected.keys(), ...maybe.keys()])];
    const delivered = new Map<string, number>();
    let otherSends = 0;
    for (const d of deliveries(world, webchat)) {
      const exact = key(d.channel, d.to, d.text);
      let k: string | undefined = expected.has(exact) || maybe.has(exact) ? exact : undefined;
      if (!k) {
        const prefix = `${d.channel}\u0000${bare(d.to)}\u0000`;
        const body = norm(d.text);
        k = expectedKeys.find((e) => e.startsWith(prefix) && body.includes(e.slice(prefix.length)));
      }
      if (!k) {
        otherSends += 1;
        continue;
      }
      delivered.set(k, (delivered.get(k) ?? 0) + 1);
    }
    let duplicatesSent = 0;
    let lostReplies = 0;
    let deliveredCount = 0;
    let unverified = 0;
    for (const k of expectedKeys) {
      const want = expected.get(k) ?? 0;
      const most = want + (maybe.get(k) ?? 0);
      if (webchat === undefined && k.startsWith('webchat\u0000')) {
        unverified += want;
        continue;
      }
      const got = delivered.get(k) ?? 0;
      deliveredCount += Math.min(got, most);
      const [channel, to] = k.split('\u0000');
      if (got > most) {
        duplicatesSent += got - most;
        details.push(`reply to ${channel} ${to} delivered ${got} times, approved ${want}`);
      }
      if (got < want) {
        lostReplies += want - got;
        details.push(`reply to ${channel} ${to} delivered ${got} times, approved ${want}`);
      }
    }

    // ---- taps acknowledged but never decided; messages stored but never shown
    let tapsAcked = 0;
    let retaps = 0;
    let lostTaps = 0;
    for (const a of owner.approvals.values()) {
      retaps += a.retaps;
      if (a.acked > 0) tapsAcked += 1;
      if (a.acked > 0 && !decidedCount.has(a.draftId)) {
        lostTaps += 1;
        details.push(`draft ${a.draftId}: tap acknowledged (${a.mode}) but never decided`);
      }
    }
    return {
      messagesIn: sent.length,
      inboundDeliveries: sent.reduce((n, s) => n + s.deliveries, 0),
      notAccepted,
      storedTwice,
      lostInbound,
      shownTwice,
      notShown,
      approved: decidedCount.size,
      tapsAcked,
      retaps,
      lostTaps,
      decidedTwice,
      delivered: deliveredCount,
      duplicatesSent,
      lostReplies,
      failedJobs,
      stuckJobs,
      uncertainJobs,
      stuckMessages: new Set(unshown).size,
      otherSends,
      unverified,
      details,
    };
  } finally {
    db.close();
  }
}
