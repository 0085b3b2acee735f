/**
 * What happened to drafts, kept as timer marks (the store's claim-once keys, in both stores):
 * per remembered answer, how often it was sent unchanged, edited or discarded; per customer,
 * when a reply was edited. Autopilot is earned from the first and lost on the others.
 */
import type { Decision, Draft } from '../model.js';
import type { Store } from '../ports.js';
import { noteReplySource } from './rated.js';

const EPOCH = new Date(0);
const FAR = new Date(Date.UTC(9999, 0));

export type AnswerOutcome = 'sent' | 'edited' | 'discarded' | 'auto';

const outcomeOf = (d: Decision): AnswerOutcome =>
  d.actor.console === 'auto'
    ? 'auto'
    : d.kind === 'discard'
      ? 'discarded'
      : d.kind === 'edit_send'
        ? 'edited'
        : 'sent';

/** Called once a decision is committed. Marks are idempotent: a replay counts once. */
export async function recordOutcome(store: Store, draft: Draft, decision: Decision): Promise<void> {
  const outcome = outcomeOf(decision);
  const source = draft.basis ? 'answer' : draft.origin === 'owner_note' ? 'note' : 'template';
  await store.claimMark(`outcome:${source}:${outcome}:${draft.id}`, decision.decidedAt);
  if (draft.basis)
    await store.claimMark(`answer:${draft.basis.answerId}:${outcome}:${draft.id}`, decision.decidedAt);
  if (outcome === 'edited')
    await store.claimMark(`edited:${draft.customerId}:${draft.id}`, decision.decidedAt);
  await noteReplySource(store, draft, decision);
}

export interface AnswerRecord {
  sent: number;
  edited: number;
  discarded: number;
  auto: number;
}

export async function answerRecord(
  store: Pick<Store, 'countMarks'>,
  answerId: string,
): Promise<AnswerRecord> {
  const count = (o: AnswerOutcome) => store.countMarks(`answer:${answerId}:${o}:`, EPOCH, FAR);
  const [sent, edited, discarded, auto] = await Promise.all([
    count('sent'),
    count('edited'),
    count('discarded'),
    count('auto'),
  ]);
  return { sent, edited, discarded, auto };
}

/** Draft outcomes by source (template, remembered answer, owner note) in [from, to), for /cs stats. */
export async function outcomesBySource(
  store: Pick<Store, 'countMarks'>,
  from: Date,
  to: Date,
): Promise<Record<string, Record<AnswerOutcome, number>>> {
  const out: Record<string, Record<AnswerOutcome, number>> = {};
  for (const source of ['template', 'answer', 'note']) {
    const row = { sent: 0, edited: 0, discarded: 0, auto: 0 };
    for (const o of Object.keys(row) as AnswerOutcome[])
      row[o] = await store.countMarks(`outcome:${source}:${o}:`, from, to);
    out[source] = row;
  }
  return out;
}

/** Whether any reply to this customer was edited since `since` (their conversation's start). */
export async function editedSince(store: Store, customerId: string, since: Date): Promise<boolean> {
  return (await store.countMarks(`edited:${customerId}:`, since, FAR)) > 0;
}
