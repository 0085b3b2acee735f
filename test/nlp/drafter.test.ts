import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTACT_CHANNELS, hasBlanks, type Channel } from '../../src/core/model.js';
import { createClassifier, createDrafter, smsSegments } from '../../src/nlp/index.js';

const classifier = createClassifier();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'solodesk-kb-'));
  dirs.push(d);
  return d;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function draftFor(
  drafter: ReturnType<typeof createDrafter>,
  text: string,
  channel: Channel,
  customerName?: string,
) {
  const classification = classifier.classify(text, { channel });
  return drafter.draft({ text, classification, channel, ...(customerName ? { customerName } : {}) });
}

describe('drafter', () => {
  const empty = tmp();
  mkdirSync(join(empty, 'kb'));
  const drafter = createDrafter({ knowledgeDir: join(empty, 'kb') }); // an empty knowledge base: templates only

  it('copies the sample knowledge base when the folder is missing', () => {
    const dir = join(tmp(), 'knowledge');
    createDrafter({ knowledgeDir: dir });
    assert.ok(existsSync(dir));
    assert.ok(readdirSync(dir).some((f) => f.endsWith('.txt')));
  });

  it('leaves blanks for what only the owner knows: tracking number, refund date', () => {
    const ship = draftFor(drafter, 'Where is my parcel? Order #4471 still not here', 'webchat');
    assert.ok(hasBlanks(ship.text), ship.text);
    assert.match(ship.text, /\[\[tracking number\]\]/);
    assert.match(ship.text, /#4471/, 'the order number is filled in from the entities');
    const refund = draftFor(drafter, '我的退款还没到账，订单号 88231', 'webchat');
    assert.equal(refund.language, 'zh');
    assert.match(refund.text, /\[\[退款日期\]\]/);
    assert.match(refund.text, /88231/);
  });

  it('asks instead of guessing when the order number is missing, and invents nothing', () => {
    const d = draftFor(drafter, 'Where is my order?', 'webchat');
    assert.match(d.text, /order number/i);
    assert.ok(!hasBlanks(d.text));
  });

  it('answers in the customer language with greeting and sign-off by email', () => {
    const en = draftFor(drafter, 'The app crashes when I upload photos', 'email', 'Anna Lee');
    assert.match(en.text, /^Hi Anna,\n\n/);
    assert.match(en.text, /\n\nBest regards$/);
    const zh = draftFor(drafter, '应用一打开就闪退，怎么办？', 'email', '王芳');
    assert.equal(zh.language, 'zh');
    assert.match(zh.text, /^王芳您好：\n\n/);
    assert.match(zh.text, /祝好！$/);
  });

  it('keeps SMS within two segments and chat short', () => {
    for (const text of [
      'I was charged twice for my order, can you check? Order 5531',
      '我的快递到哪了？订单号 20240512001',
      'The device will not turn on after the update',
    ]) {
      const sms = draftFor(drafter, text, 'sms', 'Jo');
      assert.ok(smsSegments(sms.text) <= 2, `${smsSegments(sms.text)} segments: ${sms.text}`);
      const chat = draftFor(drafter, text, 'webchat');
      assert.ok(!chat.text.includes('\n') && chat.text.length < 140, chat.text);
    }
  });

  it('prefers a knowledge-base answer that matches well, and says so in source', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'faq.txt'),
      [
        'id: gift-wrap',
        'q: Do you offer gift wrapping?',
        'q: 可以包装成礼物吗？',
        'en: Yes - gift wrapping is free, just add a note at checkout.',
        'zh: 可以，礼品包装免费，下单时备注即可。',
        '---',
        'id: opening-hours',
        'q: What are your opening hours?',
        'en: We are open 9 to 5, Monday to Friday.',
      ].join('\n'),
    );
    const kb = createDrafter({ knowledgeDir: dir });
    const en = draftFor(kb, 'Hi, do you offer gift wrapping for orders?', 'webchat');
    assert.equal(en.source, 'kb:gift-wrap');
    assert.match(en.text, /gift wrapping is free/);
    const zh = draftFor(kb, '请问可以包装成礼物吗', 'webchat');
    assert.equal(zh.source, 'kb:gift-wrap');
    assert.match(zh.text, /礼品包装免费/);
    // A message the knowledge base does not answer falls back to the template.
    const other = draftFor(kb, 'My card was declined at checkout', 'webchat');
    assert.match(other.source, /^template:/);
  });

  it("channelMessage gives the article's sentence for every channel in en and zh", () => {
    assert.equal(drafter.channelMessage('email', 'zh'), '我们已发送电子邮件回复给您。');
    assert.equal(drafter.channelMessage('email', 'en'), 'We have replied to you by email.');
    for (const ch of CONTACT_CHANNELS) {
      assert.ok(drafter.channelMessage(ch, 'en').length > 10);
      assert.match(drafter.channelMessage(ch, 'zh'), /\p{Script=Han}/u);
    }
  });
});
