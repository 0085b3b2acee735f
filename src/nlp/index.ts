/**
 * First, rule-based Classifier and Drafter (the foundation's placeholder). The trained
 * classifier of the classification work replaces this module's internals; the factory
 * names and the ports stay.
 */
import type { Classification, ContactChannel, Intent, RequestedChannel } from '../core/model.js';
import type { Classifier, Drafter } from '../core/ports.js';

const HAN = /\p{Script=Han}/u;

const REQUESTS: [RegExp, RequestedChannel][] = [
  [/\b(call|ring|phone) me\b|回电|打电话|来电/i, 'phone'],
  [/\b(email|e-mail) me\b|by e-?mail|电子邮件|发邮件|邮件/i, 'email'],
  [/\btext me\b|\bsms\b|短信/i, 'sms'],
  [/\bdm me\b|whatsapp me|私信|加微信/i, 'social'],
  [/\bchat here\b|在线聊/i, 'chat'],
];

const INTENTS: [RegExp, Intent][] = [
  [/refund|return|退款|退货/i, 'refund_return'],
  [/ship|deliver|tracking|快递|物流|发货/i, 'shipping'],
  [/order|订单/i, 'order'],
  [/invoice|charge|payment|bill|发票|付款|扣款/i, 'billing_payment'],
  [/password|account|login|账号|密码|登录/i, 'account'],
  [/error|crash|bug|not working|报错|无法|打不开/i, 'technical_issue'],
  [/price|discount|buy|价格|多少钱|优惠/i, 'pricing_presales'],
  [/terrible|angry|complain|投诉|太差/i, 'complaint'],
  [/thank|great|love|谢谢|很好/i, 'feedback_praise'],
];

export function createClassifier(): Classifier {
  return {
    classify(text, context) {
      const language = HAN.test(text)
        ? 'zh'
        : /[a-z]/i.test(text)
          ? 'en'
          : (context?.customerLanguage ?? 'und');
      const requestedChannel = REQUESTS.find(([re]) => re.test(text))?.[1] ?? 'none';
      const intent = INTENTS.find(([re]) => re.test(text))?.[1] ?? 'other';
      const urgency = /urgent|asap|immediately|紧急|马上|立刻/i.test(text) ? 'high' : 'normal';
      const recommendedChannel: ContactChannel =
        requestedChannel !== 'none' ? requestedChannel : urgency === 'high' ? 'phone' : 'chat';
      const reason =
        requestedChannel !== 'none'
          ? `the customer asked for ${requestedChannel}`
          : urgency === 'high'
            ? 'urgent: a call is fastest'
            : 'a simple question: chat is enough';
      const c: Classification = {
        language,
        intent,
        confidence: intent === 'other' ? 0.3 : 0.6,
        urgency,
        sentiment:
          intent === 'complaint' ? 'negative' : intent === 'feedback_praise' ? 'positive' : 'neutral',
        requestedChannel,
        recommendedChannel,
        reason,
        entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
      };
      return c;
    },
  };
}

const CHANNEL_SENTENCE: Record<ContactChannel, { en: string; zh: string }> = {
  email: { en: 'We have replied to you by email.', zh: '我们已发送电子邮件回复给您。' },
  phone: { en: 'We will call you back shortly.', zh: '我们会尽快给您回电话。' },
  sms: { en: 'We have replied to you by text message.', zh: '我们已通过短信回复您。' },
  social: { en: 'We have replied to you by direct message.', zh: '我们已通过私信回复您。' },
  chat: { en: 'We are replying to you here in the chat.', zh: '我们正在聊天窗口中回复您。' },
};

export function createDrafter(_options: { knowledgeDir?: string } = {}): Drafter {
  return {
    draft({ classification, customerName }) {
      const zh = classification.language === 'zh';
      const name = customerName ? (zh ? `${customerName}，` : ` ${customerName}`) : '';
      const text = zh
        ? `您好${name}感谢您的来信，我们已收到您的问题，会尽快处理并回复您。`
        : `Hi${name}, thanks for your message. We have received your question and will get back to you shortly.`;
      return { text, language: zh ? 'zh' : 'en', source: 'template:generic' };
    },
    channelMessage(channel, language) {
      return CHANNEL_SENTENCE[channel][language === 'zh' ? 'zh' : 'en'];
    },
  };
}
