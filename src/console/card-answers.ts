/**
 * The remembered-answer parts of the cards (src/core/answers): the Remember button on a decided
 * reply the owner edited or wrote, and "from your answer of 3 Dec" on a draft made from one.
 * Kept apart from card.ts so the card stays small.
 */
import type { Decision, Draft } from '../core/model.js';
import type { CardButton } from './card-model.js';
import { encodeAction } from './card-actions.js';
import type { OwnerLanguage } from './card-labels.js';
import { fillOwner, ownerStrings, type OwnerStrings } from '../core/owner-strings/index.js';

export type AnswerTextKey = keyof OwnerStrings['card']['answers'];

export function answerText(
  lang: OwnerLanguage,
  key: AnswerTextKey,
  vars: Record<string, string> = {},
): string {
  return fillOwner(ownerStrings(lang).card.answers[key], vars);
}

/** "3 Dec" / "12月3日" in the owner's zone. */
export function answerDate(date: Date, lang: OwnerLanguage, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).formatToParts(
    date,
  );
  const day = parts.find((p) => p.type === 'day')?.value ?? '';
  if (lang === 'en') return `${day} ${parts.find((p) => p.type === 'month')?.value ?? ''}`;
  const month = new Intl.DateTimeFormat('en-GB', { month: 'numeric', timeZone }).format(date);
  return `${month}月${day}日`;
}

/** The context line of a draft made from a remembered answer. */
export function basisLine(draft: Draft, lang: OwnerLanguage, timeZone?: string): string | undefined {
  if (!draft.basis) return undefined;
  return answerText(lang, 'fromAnswer', { date: answerDate(draft.basis.answeredAt, lang, timeZone) });
}

/** Remember is offered on a sent reply the owner edited or wrote (not an automatic one). */
export function rememberButton(
  draft: Draft,
  decision: Decision,
  lang: OwnerLanguage,
): CardButton | undefined {
  if (decision.kind === 'discard' || decision.actor.console === 'auto') return undefined;
  if (decision.kind !== 'edit_send' && draft.origin !== 'owner_note') return undefined;
  const ref = { action: 'remember' as const, id: draft.id };
  return { label: answerText(lang, 'remember'), actionId: encodeAction(ref), ref };
}

/** A pending automatic reply: when it goes, and Cancel (Edit is the draft's own button). */
export function autoSendParts(
  draft: Draft,
  lang: OwnerLanguage,
  now: Date | undefined,
  timeZone = 'UTC',
): { line: string; cancel: CardButton } | undefined {
  const at = draft.basis?.autoSendAt;
  if (!at || draft.status !== 'pending' || (now && at.getTime() <= now.getTime())) return undefined;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  const ref = { action: 'cancel_auto' as const, id: draft.id };
  return {
    line: answerText(lang, 'autoAt', { time }),
    cancel: { label: answerText(lang, 'cancelAuto'), actionId: encodeAction(ref), ref, style: 'danger' },
  };
}
