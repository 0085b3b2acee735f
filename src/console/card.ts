/**
 * The one platform-neutral card model every owner console renders (Slack Block Kit,
 * Discord components, terminal text), built from the core's DeskEvents, plus the codec
 * for button ids. Pure functions: no I/O, no SDK types.
 *
 * Update-in-place is expressed by `key`: a console keeps one platform message per key
 * (`customer:<id>` is the thread root, `draft:<id>` the draft card that later shows the
 * decision) and posts a new message for cards without a key.
 */
import type { DeskEvent } from '../core/ports.js';
import { splitOnPointer } from './card-people.js';
import { label } from './card-labels.js';
import type { Card, CardContext } from './card-model.js';
import { customerCard, inboundCard } from './card-customer.js';
import { decidedCard, draftCard } from './card-draft.js';
import { deliveryCard, noticeCard, ratingCard, suggestionCard } from './card-notices.js';
import { replyToOf } from './card-trust.js';

export { label, channelName, CHANNEL_ICONS, type OwnerLanguage } from './card-labels.js';
export {
  CARD_ACTIONS,
  MAX_ACTION_ID,
  decodeAction,
  encodeAction,
  type ActionRef,
  type CardAction,
} from './card-actions.js';
export * from './card-model.js';
export { cutText, formatWhen, customerName } from './card-parts.js';
export { customerCard, inboundCard, classificationLine } from './card-customer.js';
export { draftCard, decidedCard } from './card-draft.js';
export { deliveryCard, ratingCard, noticeCard, suggestionCard } from './card-notices.js';

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
