/** The smaller cards: a delivery's state, a rating, a notice, a merge suggestion. */
import type { Identity, OutboxJob, Rating } from '../core/model.js';
import type { CustomerView } from '../core/ports.js';
import { CHANNEL_ICONS, channelName, deliveryName, label } from './card-labels.js';
import type { ActionRef } from './card-actions.js';
import type { Card, CardButton, CardOptions } from './card-model.js';
import { body, button, customerName, cutText, formatWhen } from './card-parts.js';
import { isUncertain, uncertainButtons, uncertainNotice } from './card-uncertain.js';

export function deliveryCard(view: CustomerView, job: OutboxJob, opts: CardOptions): Card {
  const lang = opts.language;
  const uncertain = isUncertain(job);
  const state = uncertain ? label(lang, 'deliveryUncertain') : deliveryName(lang, job.delivery);
  const failed = job.delivery === 'failed';
  const refs: Card['refs'] = { jobId: job.id };
  if (job.draftId) refs.draftId = job.draftId;
  return {
    kind: 'delivery',
    key: `job:${job.id}`,
    customerId: view.customer.id,
    icon: uncertain ? '❓' : failed ? '⚠️' : '✅',
    title: `${CHANNEL_ICONS[job.channel]} ${channelName(lang, job.channel)} · ${state}`,
    context: uncertain
      ? [uncertainNotice(lang)]
      : failed && job.lastError
        ? [job.lastError.slice(0, 200)]
        : [],
    fields: [],
    notes: [],
    attachments: [],
    actions: uncertain
      ? uncertainButtons(lang, job)
      : failed
        ? [button(lang, 'retry', { action: 'retry', id: job.id }, 'primary')]
        : [],
    highlight: failed || uncertain,
    // Only the owner can settle it: worth a mention, like a reply-due reminder.
    ...(uncertain ? { mention: true } : {}),
    fallback: `${channelName(lang, job.channel)} · ${state}`,
    refs,
  };
}

export function ratingCard(view: CustomerView, rating: Rating, opts: CardOptions): Card {
  const lang = opts.language;
  const title = `${'⭐'.repeat(Math.max(0, Math.min(5, rating.score)))} ${label(lang, 'rated', { score: rating.score })}`;
  return {
    kind: 'rating',
    key: `rating:${rating.id}`,
    customerId: view.customer.id,
    icon: '⭐',
    title,
    context: [
      `${CHANNEL_ICONS[rating.channel]} ${channelName(lang, rating.channel)} · ${formatWhen(rating.createdAt, opts.timeZone)}`,
    ],
    fields: [],
    body: rating.comment ? body(rating.comment, opts) : undefined,
    notes: [],
    attachments: [],
    actions: [],
    highlight: rating.score <= 2,
    fallback: `${title} · ${customerName(view, lang)}`,
    refs: {},
  };
}

export function noticeCard(view: CustomerView, text: string, opts: CardOptions): Card {
  return {
    kind: 'notice',
    customerId: view.customer.id,
    icon: 'ℹ️',
    title: label(opts.language, 'notice'),
    context: [],
    fields: [],
    body: body(text, opts),
    notes: [],
    attachments: [],
    actions: [],
    highlight: false,
    fallback: `ℹ️ ${cutText(text, 150).text}`,
    refs: {},
  };
}

/** "Same person?": one tap merges `from` into `into` through desk.merge. */
export function suggestionCard(
  view: CustomerView,
  into: CustomerView,
  from: CustomerView,
  address: Identity,
  why: 'claimed' | 'answered',
  opts: CardOptions,
): Card {
  const lang = opts.language;
  const text = label(lang, why === 'claimed' ? 'suggestClaimed' : 'suggestAnswered', {
    from: customerName(from, lang),
    into: customerName(into, lang),
    address: address.address,
  });
  const ref: ActionRef = { action: 'merge', id: into.customer.id, arg: from.customer.id };
  const actions: CardButton[] = [];
  // Ids too long for a button id leave the text (the terminal's `m` command still merges).
  try {
    actions.push(button(lang, 'mergeButton', ref, 'primary'));
  } catch {
    // no button
  }
  return {
    kind: 'suggestion',
    key: `suggest:${into.customer.id}:${from.customer.id}`,
    customerId: view.customer.id,
    icon: '🔗',
    title: label(lang, 'suggestion'),
    context: [],
    fields: [],
    body: body(text, opts),
    notes: [],
    attachments: [],
    actions,
    highlight: false,
    fallback: `🔗 ${cutText(text, 150).text}`,
    refs: {},
  };
}
