/**
 * recommendedChannel + reason, the article's rule: an explicit request wins; otherwise
 * complex matters go to phone (urgent) or email, simple ones to chat/social (or the quick
 * channel they came on); otherwise the channel the message came from.
 */
import {
  CONTACT_CHANNEL_OF,
  type Channel,
  type ContactChannel,
  type Intent,
  type RequestedChannel,
  type Sentiment,
  type Urgency,
} from '../core/model.js';

const COMPLEX_INTENTS: Intent[] = ['complaint', 'technical_issue', 'billing_payment', 'refund_return'];
const SIMPLE_INTENTS: Intent[] = ['order', 'shipping', 'pricing_presales', 'feedback_praise', 'account'];

export interface RecommendInput {
  text: string;
  intent: Intent;
  urgency: Urgency;
  sentiment: Sentiment;
  requested: RequestedChannel;
  origin?: Channel;
}

/** A rough measure of how much a reply must carry: length in words (a Han character ≈ ½ word). */
function size(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/\S+/g)?.length ?? 0;
  return words + han / 2;
}

export function recommendChannel(input: RecommendInput): { channel: ContactChannel; reason: string } {
  const { intent, urgency, sentiment, requested, origin } = input;
  const from = origin ? CONTACT_CHANNEL_OF[origin] : undefined;
  if (requested !== 'none')
    return { channel: requested, reason: `The customer asked to be contacted by ${requested}.` };

  const words = size(input.text);
  const questions = input.text.match(/[?？]/g)?.length ?? 0;
  const complex =
    words > 90 ||
    questions >= 3 ||
    (COMPLEX_INTENTS.includes(intent) && (words > 25 || urgency === 'high' || sentiment === 'negative'));
  if (complex) {
    if (urgency === 'high')
      return { channel: 'phone', reason: `Complex and urgent (${intent}): a call resolves it fastest.` };
    return {
      channel: 'email',
      reason: `Complex (${intent}, ${Math.round(words)} words): email leaves room for details.`,
    };
  }
  const simple = words <= 40 && (SIMPLE_INTENTS.includes(intent) || intent === 'other' || urgency === 'low');
  if (simple) {
    if (from === 'chat' || from === 'social' || from === 'sms')
      return {
        channel: from,
        reason: `Simple (${intent}): a short reply on ${from}, where the customer wrote.`,
      };
    if (!from) return { channel: 'chat', reason: `Simple (${intent}): a short chat reply is enough.` };
  }
  if (from) return { channel: from, reason: `No request; answering on the channel it came from (${from}).` };
  return { channel: 'email', reason: `No request and no origin channel: email by default.` };
}
