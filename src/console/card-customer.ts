/** The customer card (the thread root) and the card of each inbound message. */
import { explainRecommendation } from '../core/recommend-reason.js';
import { UNVERIFIED_SENDER_META, type Message } from '../core/model.js';
import type { CustomerView } from '../core/ports.js';
import { attachmentsForCard } from './attachment-notes.js';
import type { ActionRef } from './card-actions.js';
import { dueField, snoozeMenu } from './card-attention.js';
import {
  CHANNEL_ICONS,
  channelName,
  contactChannelName,
  intentName,
  label,
  urgencyName,
  type OwnerLanguage,
} from './card-labels.js';
import type { Card, CardField, CardOptions } from './card-model.js';
import { body, button, customerName, formatWhen, identityLine } from './card-parts.js';
import { peopleButtons } from './card-people.js';
import { claimLine, replyToOf, TRUST_META_KEYS, trustNotes } from './card-trust.js';

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
