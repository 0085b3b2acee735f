/**
 * The remembered-answer parts of the cards (src/core/answers): the Remember button on a decided
 * reply the owner edited or wrote, and "from your answer of 3 Dec" on a draft made from one.
 * Kept apart from card.ts so the card stays small.
 */
import type { Decision, Draft } from '../core/model.js';
import type { CardButton } from './card.js';
import { encodeAction } from './card-actions.js';
import type { OwnerLanguage } from './card-labels.js';

const TEXT = {
  en: {
    remember: '📌 Remember',
    fromAnswer: '📌 From your answer of {date}',
    rememberTitle: 'Remember this answer',
    rememberHint:
      'Trim it to what is general. [[name]], [[order]] and [[date]] are filled from each new message; a blank left unfilled must be edited before sending.',
    save: 'Remember',
    cancel: 'Cancel',
    remembered: '📌 Remembered: later drafts for similar questions will start from this answer.',
    thread: 'original thread',
    autoAt: '⏱ Sends automatically at {time} unless you cancel or edit it',
    cancelAuto: 'Cancel auto-send',
  },
  zh: {
    remember: '📌 记住',
    fromAnswer: '📌 来自您 {date} 的回答',
    rememberTitle: '记住这个回答',
    rememberHint:
      '请删去只适用于这位客户的内容。[[name]]、[[order]] 和 [[date]] 会按每条新消息填写；未能填写的空白须编辑后才能发送。',
    save: '记住',
    cancel: '取消',
    remembered: '📌 已记住：以后类似问题的草稿将从这个回答开始。',
    thread: '原对话',
    autoAt: '⏱ 将于 {time} 自动发送，除非您取消或编辑',
    cancelAuto: '取消自动发送',
  },
} as const;

export type AnswerTextKey = keyof (typeof TEXT)['en'];

export function answerText(
  lang: OwnerLanguage,
  key: AnswerTextKey,
  vars: Record<string, string> = {},
): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (w, k: string) => vars[k] ?? w);
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
