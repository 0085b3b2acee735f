/**
 * The one platform-neutral card model every owner console renders (Slack Block Kit,
 * Discord components, terminal text), built from the core's DeskEvents, plus the codec
 * for button ids. Pure functions: no I/O, no SDK types.
 *
 * Update-in-place is expressed by `key`: a console keeps one platform message per key
 * (`customer:<id>` is the thread root, `draft:<id>` the draft card that later shows the
 * decision) and posts a new message for cards without a key.
 */
import { explainRecommendation } from '../core/recommend-reason.js';
import { attachmentsForCard } from './attachment-notes.js';
import type {
  Attachment,
  Channel,
  Decision,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from '../core/model.js';
import { hasBlanks } from '../core/model.js';
import type { CustomerView, DeskEvent } from '../core/ports.js';
import {
  CHANNEL_ICONS,
  channelName,
  contactChannelName,
  deliveryName,
  intentName,
  label,
  urgencyName,
  type OwnerLanguage,
} from './card-labels.js';
import { draftLanguageNote } from './draft-language.js';

import { claimLine, replyToOf, TRUST_META_KEYS, trustNotes } from './card-trust.js';
import { UNVERIFIED_SENDER_META } from '../core/model.js';
import { attentionText, dueField, snoozeMenu } from './card-attention.js';
import { encodeAction, type ActionRef } from './card-actions.js';
import { autoSendParts, basisLine, rememberButton } from './card-answers.js';
import { fileNotes } from './card-files.js';
import { peopleButtons, splitOnPointer } from './card-people.js';

export { label, channelName, CHANNEL_ICONS, type OwnerLanguage } from './card-labels.js';

// ---------------------------------------------------------------- action ids (card-actions.ts)

export {
  CARD_ACTIONS,
  MAX_ACTION_ID,
  decodeAction,
  encodeAction,
  type ActionRef,
  type CardAction,
} from './card-actions.js';

// ---------------------------------------------------------------- the card

export type CardKind =
  'customer' | 'inbound' | 'draft' | 'decided' | 'delivery' | 'rating' | 'notice' | 'suggestion';

export interface CardButton {
  label: string;
  /** encodeAction(ref): put it in action_id / custom_id. */
  actionId: string;
  ref: ActionRef;
  style?: 'primary' | 'danger';
}

export interface CardField {
  label: string;
  value: string;
}

export interface CardBody {
  /** Already cut to `maxBodyChars`. */
  text: string;
  truncated: boolean;
  /** Length of the whole text (characters). */
  length: number;
  /** Offered when the text was cut or a fuller original exists. */
  showFull?: CardButton;
}

export interface Card {
  kind: CardKind;
  /** Update-in-place key; absent → always a new post. */
  key?: string;
  customerId: string;
  icon: string;
  title: string;
  /** Small lines under the title: the classification line, who decided and when, delivery state. */
  context: string[];
  fields: CardField[];
  body?: CardBody;
  /** Warnings the owner must see (blanks in a draft). */
  notes: string[];
  attachments: Attachment[];
  actions: CardButton[];
  /** "Send via…" choices, the recommended channel first. */
  sendVia?: { label: string; options: CardButton[] };
  /** Snooze choices on a waiting customer's root card (card-attention.ts). */
  snooze?: { label: string; options: CardButton[] };
  /** A link a console adds when it can (the thread of the answer a draft came from). */
  link?: { label: string; url: string };
  /** Worth a mention of the owner (a reply-due reminder). */
  mention?: boolean;
  /** Worth making visible beyond the thread (high urgency). */
  highlight: boolean;
  /** One plain line for notifications and text-only consoles. */
  fallback: string;
  refs: {
    messageId?: string;
    draftId?: string;
    jobId?: string;
    decisionId?: string;
    /** A draft from a remembered answer: the customer whose thread holds the original. */
    basisCustomerId?: string;
    /** …and the draft whose card holds it (a console that can links that very message). */
    basisDraftId?: string;
  };
}

export interface CardOptions {
  language: OwnerLanguage;
  /** IANA zone for times shown to the owner; default UTC. */
  timeZone?: string;
  /** Longest body text before it is cut; default 2800 (Slack section text is ≤3000). */
  maxBodyChars?: number;
  /** desk.canCallBack(view): offer "Call back" on the customer card. */
  canCallBack?: boolean;
  /** The desk's clock, for "reply due in 35 min". */
  now?: Date;
}

export interface CardContext extends CardOptions {
  /** desk.replyChannels(draftId): the recommended one first. Defaults to the customer's identities. */
  replyChannels?: Channel[];
  /** desk.canSendTemplate(draftId): Send is blocked (WhatsApp beyond 24 h) and templates exist. */
  canSendTemplate?: boolean;
  /** For `delivery` events: the decided draft, so the decided card can be redrawn in place. */
  decided?: { draft: Draft; decision: Decision };
}

export const DEFAULT_MAX_BODY = 2800;

// ---------------------------------------------------------------- helpers

function button(
  lang: OwnerLanguage,
  key: Parameters<typeof label>[1],
  ref: ActionRef,
  style?: CardButton['style'],
): CardButton {
  const b: CardButton = { label: label(lang, key), actionId: encodeAction(ref), ref };
  if (style) b.style = style;
  return b;
}

/** Cuts text to `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

export function formatWhen(date: Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

export function customerName(view: CustomerView, lang: OwnerLanguage): string {
  // A customer known only by claims (a sender that failed authentication) is named by them.
  const known = view.identities.length ? view.identities : (view.claims ?? []);
  const withName = known.find((i) => i.displayName);
  const first = known[0];
  // An anonymous chat visitor gets a short, stable handle instead of a long signed id.
  const visitor =
    first?.channel === 'webchat'
      ? `${label(lang, 'visitor')} ${first.address.slice(3, 7).toUpperCase()}`
      : undefined;
  return (
    view.customer.name ?? withName?.displayName ?? visitor ?? first?.address ?? label(lang, 'unknownCustomer')
  );
}

function identityLine(identity: Identity, lang: OwnerLanguage): string {
  const name =
    identity.displayName && identity.displayName !== identity.address ? ` (${identity.displayName})` : '';
  return `${CHANNEL_ICONS[identity.channel]} ${channelName(lang, identity.channel)}: ${identity.address}${name}`;
}

function body(text: string, opts: CardOptions, showFull?: CardButton, fuller = false): CardBody {
  const cut = cutText(text, opts.maxBodyChars ?? DEFAULT_MAX_BODY);
  const result: CardBody = { text: cut.text, truncated: cut.truncated, length: text.length };
  if (showFull && (cut.truncated || fuller)) result.showFull = showFull;
  return result;
}

function actorName(decision: Decision): string {
  return decision.actor.name ?? decision.actor.userId;
}

// ---------------------------------------------------------------- builders

export function customerCard(view: CustomerView, opts: CardOptions): Card {
  const lang = opts.language;
  const name = customerName(view, lang);
  const conv = view.conversation;
  const status = conv
    ? label(lang, conv.status === 'open' ? 'open' : 'resolved')
    : label(lang, 'noConversation');
  const rating = view.lastRating
    ? `${'⭐'.repeat(view.lastRating.score)} ${view.lastRating.score}/5`
    : label(lang, 'noRating');
  const fields: CardField[] = [
    {
      label: label(lang, 'identities'),
      value:
        [
          ...view.identities.map((i) => identityLine(i, lang)),
          ...(view.claims ?? []).map((c) => claimLine(c, lang)),
        ].join('\n') || '—',
    },
    { label: label(lang, 'language'), value: view.customer.language ?? 'und' },
    { label: label(lang, 'status'), value: status },
    { label: label(lang, 'lastRating'), value: rating },
    {
      label: label(lang, 'counts'),
      value: label(lang, 'countsValue', {
        c: view.counts.conversations,
        // Chinese has no plural; English says "1 conversation".
        conversations:
          lang === 'zh' ? '' : view.counts.conversations === 1 ? 'conversation' : 'conversations',
        in: view.counts.messagesIn,
        out: view.counts.messagesOut,
      }),
    },
  ];
  const ref: ActionRef = { action: conv?.status === 'resolved' ? 'reopen' : 'resolve', id: view.customer.id };
  const actions = conv ? [button(lang, ref.action === 'reopen' ? 'reopen' : 'resolve', ref)] : [];
  if (opts.canCallBack) actions.push(button(lang, 'callBack', { action: 'call_back', id: view.customer.id }));
  if (view.notes?.tags.length) fields.push({ label: label(lang, 'tags'), value: view.notes.tags.join(', ') });
  if (view.notes?.note) fields.push({ label: label(lang, 'ownerNote'), value: view.notes.note });
  // Note and Tags open a modal (Slack, Discord); the terminal has `note cN` and `tags cN`.
  actions.push(
    button(lang, 'noteButton', { action: 'note', id: view.customer.id }),
    button(lang, 'tagsButton', { action: 'tags', id: view.customer.id }),
  );
  actions.push(...peopleButtons(view, lang));
  const due = dueField(view, opts);
  if (due) fields.push(due);
  const snooze = snoozeMenu(view, lang);
  return {
    ...(snooze ? { snooze } : {}),
    kind: 'customer',
    key: `customer:${view.customer.id}`,
    customerId: view.customer.id,
    icon: conv?.status === 'resolved' ? '✅' : '👤',
    title: name,
    context: [],
    fields,
    notes: [],
    attachments: [],
    actions,
    highlight: false,
    fallback: `${label(lang, 'customer')}: ${name} · ${status}`,
    refs: {},
  };
}

function senderOf(view: CustomerView, message: Message): string {
  const identity = view.identities.find(
    (i) => i.channel === message.channel && i.address === message.address,
  );
  const name =
    identity?.displayName ??
    (message.address === view.identities[0]?.address ? view.customer.name : undefined);
  return name && name !== message.address ? `${name} <${message.address}>` : message.address;
}

/** intent · urgency · language · asked · reply by — reason, all in the owner's language. */
export function classificationLine(message: Message, lang: OwnerLanguage): string | undefined {
  const c = message.classification;
  if (!c) return undefined;
  return [
    intentName(lang, c.intent),
    `${label(lang, 'urgency')} ${urgencyName(lang, c.urgency)}`,
    c.language,
    `${label(lang, 'asked')}: ${contactChannelName(lang, c.requestedChannel)}`,
    `${label(lang, 'recommend')}: ${contactChannelName(lang, c.recommendedChannel)} — ${c.why ? explainRecommendation(c.why, lang) : c.reason}`,
  ].join(' · ');
}

export function inboundCard(view: CustomerView, message: Message, opts: CardOptions): Card {
  const lang = opts.language;
  const sender = senderOf(view, message);
  const kindLabel =
    message.kind === 'voicemail'
      ? label(lang, message.meta.transcriptOf ? 'voicemailTranscript' : 'voicemail')
      : message.kind === 'missed_call'
        ? label(lang, 'missedCall')
        : channelName(lang, message.channel);
  const fields: CardField[] = [];
  if (message.channel === 'email') {
    fields.push({ label: label(lang, 'from'), value: sender });
    const replyTo = replyToOf(message);
    if (replyTo) fields.push({ label: label(lang, 'replyTo'), value: replyTo });
    if (message.subject) fields.push({ label: label(lang, 'subject'), value: message.subject });
  }
  const meta = Object.entries(message.meta).filter(([k]) => !TRUST_META_KEYS.has(k));
  for (const [k, v] of meta.slice(0, 4)) fields.push({ label: k, value: v });
  const notes = trustNotes(message, lang);
  const context = [classificationLine(message, lang), formatWhen(message.createdAt, opts.timeZone)].filter(
    (x): x is string => Boolean(x),
  );
  const full = message.fullText && message.fullText !== message.text;
  const showFull = button(lang, 'showFull', { action: 'show_message', id: message.id });
  const title =
    message.channel === 'email' ? `${kindLabel} · ${message.subject ?? sender}` : `${kindLabel} · ${sender}`;
  const files = attachmentsForCard(message.attachments, message.channel, lang);
  return {
    kind: 'inbound',
    key: `message:${message.id}`,
    customerId: view.customer.id,
    icon: CHANNEL_ICONS[message.channel],
    title,
    context,
    fields,
    body: message.text ? body(message.text, opts, showFull, Boolean(full)) : undefined,
    notes: [...notes, ...files.notes],
    attachments: files.attachments,
    actions: [],
    highlight:
      message.classification?.urgency === 'high' || message.meta[UNVERIFIED_SENDER_META] !== undefined,
    fallback: `${CHANNEL_ICONS[message.channel]} ${kindLabel} · ${customerName(view, lang)}`,
    refs: { messageId: message.id },
  };
}

function defaultChannels(view: CustomerView, draft: Draft): Channel[] {
  const optedOut = new Set(view.customer.optedOut);
  const all = [draft.channel, ...view.identities.map((i) => i.channel)].filter((c) => !optedOut.has(c));
  return [...new Set(all)];
}

export function draftCard(view: CustomerView, draft: Draft, ctx: CardContext): Card {
  const lang = ctx.language;
  const note = draft.origin === 'owner_note';
  const blanks = hasBlanks(draft.text);
  const pending = draft.status === 'pending';
  const actions: CardButton[] = [];
  if (pending) {
    if (!blanks) actions.push(button(lang, 'send', { action: 'send', id: draft.id }, 'primary'));
    actions.push(button(lang, 'edit', { action: 'edit', id: draft.id }, blanks ? 'primary' : undefined));
    actions.push(button(lang, 'discard', { action: 'discard', id: draft.id }, 'danger'));
    // Where the blocked Send is: a pre-approved template may still go out.
    if (ctx.canSendTemplate)
      actions.push(button(lang, 'sendTemplate', { action: 'send_template', id: draft.id }, 'primary'));
  }
  const auto = autoSendParts(draft, lang, ctx.now, ctx.timeZone);
  if (auto) actions.push(auto.cancel);
  const channels = ctx.replyChannels ?? defaultChannels(view, draft);
  const card: Card = {
    kind: 'draft',
    key: `draft:${draft.id}`,
    customerId: view.customer.id,
    icon: note ? '📝' : '✍️',
    title: label(lang, note ? 'pendingReply' : 'draft'),
    context: [
      `${CHANNEL_ICONS[draft.channel]} ${label(lang, 'draftSource', { channel: channelName(lang, draft.channel) })} · ${draft.language}`,
      ...(draft.basis ? [basisLine(draft, lang, ctx.timeZone) ?? ''] : []),
      ...(auto ? [auto.line] : []),
    ],
    fields: [],
    // A shared file may go without words: then the card shows only the file.
    body:
      draft.text || !draft.attachments?.length
        ? body(draft.text, ctx, button(lang, 'showFull', { action: 'show_draft', id: draft.id }))
        : undefined,
    notes: [
      ...fileNotes(draft, draft.channel, lang, 'pending'),
      ...(blanks && pending ? [label(lang, 'blanks')] : []),
      ...[draftLanguageNote(lang, draft, view.customer.language)].filter((n): n is string => !!n),
    ],
    attachments: [],
    actions,
    highlight: false,
    fallback: `${note ? '📝' : '✍️'} ${label(lang, note ? 'pendingReply' : 'draft')} · ${customerName(view, lang)}`,
    refs: {
      draftId: draft.id,
      ...(draft.basis ? { basisCustomerId: draft.basis.customerId } : {}),
      ...(draft.basis?.draftId ? { basisDraftId: draft.basis.draftId } : {}),
    },
  };
  if (pending && !blanks && !note && channels.length > 1) {
    card.sendVia = {
      label: label(lang, 'sendVia'),
      options: channels.map((channel, i) => ({
        label: `${CHANNEL_ICONS[channel]} ${channelName(lang, channel)}${i === 0 ? ` (${label(lang, 'recommended')})` : ''}`,
        actionId: encodeAction({ action: 'send_via', id: draft.id, arg: channel }),
        ref: { action: 'send_via', id: draft.id, arg: channel },
      })),
    };
  }
  return card;
}

export function decidedCard(
  view: CustomerView,
  draft: Draft,
  decision: Decision,
  job: OutboxJob | undefined,
  opts: CardOptions,
): Card {
  const lang = opts.language;
  const when = formatWhen(decision.decidedAt, opts.timeZone);
  const channel = decision.channel ?? job?.channel ?? draft.channel;
  const who = actorName(decision);
  const discarded = decision.kind === 'discard';
  const line = discarded
    ? label(lang, 'discardedBy', { who, when })
    : decision.actor.console === 'auto'
      ? attentionText(lang, 'sentAutomatically', { when, channel: channelName(lang, channel) })
      : label(lang, decision.kind === 'edit_send' ? 'editedBy' : 'sentBy', {
          who,
          when,
          channel: channelName(lang, channel),
        });
  const context = [line];
  const actions: CardButton[] = [];
  if (job && !discarded) {
    context.push(
      deliveryName(lang, job.delivery) +
        (job.delivery === 'failed' && job.lastError ? ` — ${job.lastError.slice(0, 200)}` : ''),
    );
    if (job.delivery === 'failed' || job.status === 'failed')
      actions.push(button(lang, 'retry', { action: 'retry', id: job.id }, 'primary'));
  }
  // A file sent without words leaves nothing to remember.
  const remember = (decision.text ?? draft.text) ? rememberButton(draft, decision, lang) : undefined;
  if (remember) actions.push(remember);
  const failed = job?.delivery === 'failed';
  const icon = discarded ? '🗑️' : failed ? '⚠️' : '✅';
  const refs: Card['refs'] = { draftId: draft.id, decisionId: decision.id };
  if (job) refs.jobId = job.id;
  return {
    kind: 'decided',
    key: `draft:${draft.id}`,
    customerId: view.customer.id,
    icon,
    title: `${label(lang, draft.origin === 'owner_note' ? 'pendingReply' : 'draft')} · ${label(lang, 'decided')}`,
    context,
    fields: [],
    body:
      (decision.text ?? draft.text) || !draft.attachments?.length
        ? body(
            decision.text ?? draft.text,
            opts,
            button(lang, 'showFull', { action: 'show_draft', id: draft.id }),
          )
        : undefined,
    notes: fileNotes(draft, channel, lang, discarded ? 'discarded' : 'sent'),
    attachments: [],
    actions,
    highlight: failed,
    fallback: `${icon} ${line}`,
    refs,
  };
}

/** A delivery update for which the decided draft is not at hand: a small state card per job. */
export function deliveryCard(view: CustomerView, job: OutboxJob, opts: CardOptions): Card {
  const lang = opts.language;
  const state = deliveryName(lang, job.delivery);
  const failed = job.delivery === 'failed';
  const refs: Card['refs'] = { jobId: job.id };
  if (job.draftId) refs.draftId = job.draftId;
  return {
    kind: 'delivery',
    key: `job:${job.id}`,
    customerId: view.customer.id,
    icon: failed ? '⚠️' : '✅',
    title: `${CHANNEL_ICONS[job.channel]} ${channelName(lang, job.channel)} · ${state}`,
    context: failed && job.lastError ? [job.lastError.slice(0, 200)] : [],
    fields: [],
    notes: [],
    attachments: [],
    actions: failed ? [button(lang, 'retry', { action: 'retry', id: job.id }, 'primary')] : [],
    highlight: failed,
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

/**
 * The cards one event produces, in posting order. The customer card comes first
 * whenever the event may change it, so a console can create the thread root from it.
 */
export function cardsFor(event: DeskEvent, ctx: CardContext): Card[] {
  switch (event.type) {
    case 'inbound': {
      const cards = [customerCard(event.view, ctx), inboundCard(event.view, event.message, ctx)];
      if (event.draft) {
        const draft = draftCard(event.view, event.draft, ctx);
        // Said again where Send is tapped: the reply goes to the Reply-To.
        const replyTo = replyToOf(event.message);
        if (replyTo && event.draft.status === 'pending' && event.draft.channel === 'email')
          draft.notes.push(
            label(ctx.language, 'replyGoesTo', { address: replyTo, from: event.message.address }),
          );
        cards.push(draft);
      }
      return cards;
    }
    case 'merge_suggestion':
      return [suggestionCard(event.view, event.into, event.from, event.address, event.why, ctx)];
    case 'draft':
      return [draftCard(event.view, event.draft, ctx)];
    case 'decided':
      return [decidedCard(event.view, event.draft, event.decision, event.job, ctx)];
    case 'delivery': {
      const decided = event.decided ?? ctx.decided;
      return decided && decided.draft.id === event.job.draftId
        ? [decidedCard(event.view, decided.draft, decided.decision, event.job, ctx)]
        : [deliveryCard(event.view, event.job, ctx)];
    }
    case 'customer':
      return [customerCard(event.view, ctx)];
    case 'rating':
      return [customerCard(event.view, ctx), ratingCard(event.view, event.rating, ctx)];
    case 'notice': {
      const card = {
        ...noticeCard(event.view, event.text, ctx),
        ...(event.mention ? { mention: true } : {}),
      };
      // A merge's pointer post can undo it (card-people.ts).
      if (event.offerSplit && event.pointerTo)
        card.actions.push(...splitOnPointer(event.pointerTo, ctx.language));
      return [card];
    }
  }
}
