/** The draft card (Send / Edit / Send via / Discard) and the same card once decided. */
import { hasBlanks, type Channel, type Decision, type Draft, type OutboxJob } from '../core/model.js';
import type { CustomerView } from '../core/ports.js';
import { encodeAction } from './card-actions.js';
import { attentionText } from './card-attention.js';
import { autoSendParts, basisLine, rememberButton } from './card-answers.js';
import { fileNotes } from './card-files.js';
import { CHANNEL_ICONS, channelName, deliveryName, label } from './card-labels.js';
import type { Card, CardButton, CardContext, CardOptions } from './card-model.js';
import { actorName, body, button, customerName, formatWhen } from './card-parts.js';
import { draftLanguageNote } from './draft-language.js';
import { isUncertain, uncertainButtons, uncertainNotice } from './card-uncertain.js';

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
  const uncertain = !discarded && isUncertain(job);
  if (job && uncertain) {
    // The desk stopped while sending: the owner says whether it arrived (card-uncertain.ts).
    context.push(`${label(lang, 'deliveryUncertain')} — ${uncertainNotice(lang)}`);
    actions.push(...uncertainButtons(lang, job));
  } else if (job && !discarded) {
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
  const icon = discarded ? '🗑️' : uncertain ? '❓' : failed ? '⚠️' : '✅';
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
    highlight: failed || uncertain,
    // Only the owner can settle it: worth a mention, like a reply-due reminder.
    ...(uncertain ? { mention: true } : {}),
    fallback: `${icon} ${line}`,
    refs,
  };
}

/** A delivery update for which the decided draft is not at hand: a small state card per job. */
