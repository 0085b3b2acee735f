/**
 * Remember: the owner keeps a reply they edited or wrote as a remembered answer. The console
 * first asks for a prefill (the sent reply with names, order numbers and dates suggested as
 * `[[blanks]]`), the owner trims it in a modal, then it is saved with the question it answered.
 * Its id follows the draft's, so remembering the same reply twice replaces it.
 */
import type { Actor, Draft } from '../model.js';
import type { Clock, SimpleResult, Store } from '../ports.js';
import { ownerStrings, type OwnerStrings } from '../owner-strings/index.js';
import { suggestBlanks } from './blanks.js';
import type { RememberedAnswer, RememberPrefill } from './record.js';

export const MAX_ANSWER = 4000;

function reject(actor: Actor, key: keyof OwnerStrings['remember']): { kind: 'rejected'; reason: string } {
  return { kind: 'rejected', reason: ownerStrings(actor.language).remember[key] };
}

/** The reply as the customer got it, or why it can't be remembered. */
async function sentReply(
  store: Store,
  draftId: string,
  actor: Actor,
): Promise<{ draft: Draft; text: string; sentAt: Date } | { kind: 'rejected'; reason: string }> {
  const draft = await store.getDraft(draftId);
  if (!draft) return reject(actor, 'gone');
  const decision = draft.decisionId ? await store.getDecision(draft.decisionId) : undefined;
  if (!decision || draft.status !== 'sent' || decision.kind === 'discard') return reject(actor, 'undecided');
  if (decision.kind !== 'edit_send' && draft.origin !== 'owner_note') return reject(actor, 'unedited');
  return { draft, text: decision.text ?? draft.text, sentAt: decision.decidedAt };
}

export async function rememberPrefill(store: Store, draftId: string, actor: Actor): Promise<RememberPrefill> {
  const sent = await sentReply(store, draftId, actor);
  if ('kind' in sent) return sent;
  const question = sent.draft.inReplyTo ? await store.getMessage(sent.draft.inReplyTo) : undefined;
  const customer = await store.getCustomer(sent.draft.customerId);
  return {
    kind: 'ok',
    draftId,
    language: sent.draft.language,
    text: suggestBlanks(sent.text, question?.classification?.entities, customer?.name, sent.draft.language),
  };
}

export async function rememberAnswer(
  deps: { store: Store; clock: Clock },
  draftId: string,
  text: string,
  actor: Actor,
): Promise<SimpleResult & { answer?: RememberedAnswer }> {
  const { store, clock } = deps;
  const trimmed = text.trim();
  if (!trimmed) return reject(actor, 'empty');
  if (trimmed.length > MAX_ANSWER) return reject(actor, 'tooLong');
  const sent = await sentReply(store, draftId, actor);
  if ('kind' in sent) return sent;
  const question = sent.draft.inReplyTo ? await store.getMessage(sent.draft.inReplyTo) : undefined;
  const id = `${draftId}-a`;
  const previous = await store.getAnswer(id);
  const now = clock.now();
  const answer: RememberedAnswer = {
    id,
    language: sent.draft.language,
    intent: question?.classification?.intent ?? 'other',
    questions: question ? [question.text.slice(0, 2000)] : [],
    text: trimmed,
    draftId,
    customerId: sent.draft.customerId,
    answeredAt: sent.sentAt,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  await store.putAnswer(answer);
  return { kind: 'ok', answer };
}
