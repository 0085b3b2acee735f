import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectRequestedChannel } from '../../src/nlp/requested-channel.js';

/** Classes of asks a blind probe (issue 17) found missing; each case here failed before the fix. */
describe('requestedChannel: people on a channel, conditions, regional Chinese', () => {
  const asks: [string, string][] = [
    // a person "on <channel>" doing something for the customer
    ['Is there anyone on live chat who could look at my account?', 'chat'],
    ['Can I get someone on the phone about this today?', 'phone'],
    ['Anyone on WhatsApp who can sort this out for me?', 'social'],
    ['Could I speak to a manager on the phone please?', 'phone'],
    // an ultimatum or condition on how we answer
    ['Until someone gets back to me via email I am not paying.', 'email'],
    ["I'm not doing anything else until someone replies via email.", 'email'],
    // the only or preferred channel said plainly
    ['I prefer phone.', 'phone'],
    ["I'm only reachable by text this week.", 'sms'],
    ['I can only take calls after 5.', 'phone'],
    ['Any chance of someone calling me before noon?', 'phone'],
    // live chat asked for as 在线客服
    ['能不能开个在线客服，我操作不来', 'chat'],
    ['我想找网上客服帮我处理一下', 'chat'],
    ['可以在线客服指导我一下吗', 'chat'],
    // apps written in Latin letters beside the Chinese, Traditional and Simplified
    ['方便的話加我 Line 聊', 'social'],
    ['有消息 IG 私訊我就好', 'social'],
    ['Messenger 找我比较快', 'social'],
    ['WhatsApp 我啦', 'social'],
    // Cantonese and Taiwanese
    ['唔該打返俾我，9876 5432', 'phone'],
    ['收到請覆電話', 'phone'],
    ['得閒 call 返我', 'phone'],
    ['有咩唔明白可以打我手提 6234 1234', 'phone'],
    ['可唔可以電郵俾我？', 'email'],
    ['出貨時傳簡訊給我', 'sms'],
    ['可以寄信給我嗎？我的信箱是 amy@example.com', 'email'],
  ];
  for (const [text, expected] of asks)
    it(`"${text}" → ${expected}`, () => assert.equal(detectRequestedChannel(text), expected));

  const none = [
    "I couldn't get anyone on the phone all week.",
    'It took me three days to get someone on the phone.',
    'The agent on live chat was really helpful, thanks!',
    'Can someone on your team check the order status?',
    'I prefer the phone you sold me last year over this one.',
    'The reply by email I got yesterday made no sense.',
    'Support usually gets back to me by email within a day, so no rush.',
    'I paid with WeChat Pay and the payment is stuck.',
    '增加微信支付选项吧',
    '你们支持 LINE Pay 吗？',
    '和微信支付的对接不同步了',
    '想把帐号的电子邮件改成新的',
    '在线客服说三天内退款，到现在都没到',
    '唔好打俾我，我返緊工',
    '我打咗好多次電話俾你哋都冇人接',
    '請把發票寄到我的信箱',
    '訂單寄給我的時候是壞的',
  ];
  for (const text of none) it(`"${text}" → none`, () => assert.equal(detectRequestedChannel(text), 'none'));
});
