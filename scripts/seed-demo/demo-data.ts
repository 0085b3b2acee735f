/**
 * What the demo history is made of: the channel, intent and score mixes, the message texts
 * in English and Chinese, and how fast the owner answers.
 */
import type { Channel, Classification, Intent } from '../../src/core/model.js';
import { CONTACT_CHANNEL_OF } from '../../src/core/model.js';

export const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['email', 30],
  ['sms', 14],
  ['whatsapp', 15],
  ['webchat', 15],
  ['messenger', 7],
  ['instagram', 5],
  ['telegram', 5],
  ['discord', 4],
  ['phone', 5],
];
export const INTENT_MIX: readonly (readonly [Intent, number])[] = [
  ['order', 16],
  ['shipping', 20],
  ['refund_return', 14],
  ['billing_payment', 9],
  ['technical_issue', 12],
  ['account', 7],
  ['complaint', 6],
  ['pricing_presales', 8],
  ['feedback_praise', 4],
  ['other', 4],
];
export const SCORE_MIX: readonly (readonly [number, number])[] = [
  [5, 50],
  [4, 25],
  [3, 11],
  [2, 6],
  [1, 8],
];
export const TEXTS: Record<'en' | 'zh', Partial<Record<Intent, string>> & { other: string }> = {
  en: {
    order: 'Hi, I placed order #{n} yesterday, can you confirm it went through?',
    shipping: 'Where is my package? Order #{n} still shows "label created".',
    refund_return: 'The shoes from order #{n} are too small, how do I return them?',
    billing_payment: 'I was charged twice for order #{n}, please check.',
    technical_issue: 'The app keeps logging me out when I try to pay.',
    account: 'How do I change the email address on my account?',
    complaint: 'This is the third time my order #{n} arrives damaged. Not happy.',
    pricing_presales: 'Do you ship to Canada, and is there a bulk discount?',
    feedback_praise: 'Just wanted to say the tea set is lovely, thank you!',
    other: 'Hello, quick question about your opening hours.',
  },
  zh: {
    order: '你好，我昨天下了订单 #{n}，请问下单成功了吗？',
    shipping: '我的包裹到哪里了？订单 #{n} 一直没有更新物流。',
    refund_return: '订单 #{n} 的鞋子太小了，请问怎么退货？',
    billing_payment: '订单 #{n} 被扣了两次款，麻烦查一下。',
    technical_issue: '付款的时候 App 总是自动退出登录。',
    account: '请问怎么修改账户绑定的邮箱？',
    complaint: '订单 #{n} 又是破损的，已经第三次了，很不满意。',
    pricing_presales: '请问可以寄到加拿大吗？批量购买有折扣吗？',
    feedback_praise: '茶具很漂亮，谢谢你们！',
    other: '你好，想问一下你们的营业时间。',
  },
};
export const REPLIES = {
  en: 'Thanks for reaching out! We are looking into order #{n} and will update you shortly.',
  zh: '感谢您的联系！我们正在处理订单 #{n}，稍后给您答复。',
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** How long the owner takes to answer first, by channel family: chat is fast, email slow. */
export function firstResponseDelay(rand: () => number, channel: Channel): number {
  const family = CONTACT_CHANNEL_OF[channel];
  const medianMin = family === 'chat' ? 3 : family === 'email' ? 45 : family === 'phone' ? 20 : 12;
  // Log-normal-ish: exp of a symmetric spread around the median.
  const spread = (rand() + rand() + rand() - 1.5) * 2.2;
  return Math.max(20_000, Math.round(medianMin * MINUTE * Math.exp(spread)));
}

/** A believable address on the channel, unique per customer number. */
export function address(channel: Channel, i: number): string {
  switch (channel) {
    case 'email':
      return `customer${i}@example.com`;
    case 'sms':
    case 'whatsapp':
    case 'phone':
      return `+1555${String(1_000_000 + i).slice(-7)}`;
    default:
      return `${channel}-user-${i}`;
  }
}

/** What the classifier would have said of a demo message. */
export function classification(intent: Intent, language: string, channel: Channel): Classification {
  return {
    language,
    intent,
    confidence: 0.8,
    urgency: intent === 'complaint' ? 'high' : 'normal',
    sentiment: intent === 'complaint' ? 'negative' : intent === 'feedback_praise' ? 'positive' : 'neutral',
    requestedChannel: 'none',
    recommendedChannel: CONTACT_CHANNEL_OF[channel],
    reason: 'Answer on the channel it came from.',
    entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
  };
}
