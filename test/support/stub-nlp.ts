/**
 * A tiny, predictable Classifier and Drafter for tests of the core and the consoles, so
 * their assertions don't depend on the trained model. (The real ones are tested in test/nlp.)
 */
import type { Classification } from '../../src/core/model.js';
import type { Classifier, Drafter } from '../../src/core/ports.js';

export function stubClassification(text: string): Classification {
  const zh = /\p{Script=Han}/u.test(text);
  const email = /email|邮件/i.test(text);
  return {
    language: zh ? 'zh' : 'en',
    intent: /order|订单/i.test(text) ? 'order' : 'other',
    confidence: 0.9,
    urgency: /urgent|紧急/i.test(text) ? 'high' : 'normal',
    sentiment: 'neutral',
    requestedChannel: email ? 'email' : 'none',
    recommendedChannel: email ? 'email' : 'chat',
    reason: email ? 'the customer asked for email' : 'simple question: chat',
    entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
  };
}

export const stubClassifier: Classifier = { classify: (text) => stubClassification(text) };

export const stubDrafter: Drafter = {
  draft: ({ text, classification }) => ({
    text: /blank/.test(text)
      ? 'Your tracking number is [[tracking number]].'
      : classification.language === 'zh'
        ? '您好，我们正在处理。'
        : 'Hello, we are on it.',
    language: classification.language,
    source: 'stub',
  }),
  channelMessage: (channel, language) =>
    language === 'zh' ? `我们将通过${channel}回复您。` : `We will reply by ${channel}.`,
};
