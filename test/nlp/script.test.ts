import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier, createDrafter } from '../../src/nlp/index.js';
import { detectChineseScript, toTraditional } from '../../src/nlp/script.js';

const classifier = createClassifier();
const drafter = createDrafter();

describe('Traditional Chinese customers (Hong Kong, Taiwan)', () => {
  it('detects the script; the language stays the primary tag zh', () => {
    assert.equal(detectChineseScript('我的訂單怎麼還沒到？'), 'Hant');
    assert.equal(detectChineseScript('我的订单怎么还没到？'), 'Hans');
    assert.equal(detectChineseScript('你好'), undefined);
    const c = classifier.classify('請問我的訂單什麼時候會到？已經等了一個禮拜');
    assert.equal(c.language, 'zh');
    assert.equal(c.script, 'Hant');
    assert.equal(c.intent, 'order');
    assert.equal(classifier.classify('请问我的订单什么时候会到？').script, undefined);
  });

  it('gets drafts and channel acknowledgements in Traditional characters', () => {
    const text = '我要退貨，尺寸太小了，請問怎麼處理？';
    const c = classifier.classify(text);
    const draft = drafter.draft({ text, classification: c, channel: 'email' });
    assert.equal(draft.language, 'zh-Hant');
    assert.equal(detectChineseScript(draft.text), 'Hant', draft.text);
    assert.doesNotMatch(draft.text, /[们这个货请谢]/, draft.text);
    assert.equal(drafter.channelMessage('email', 'zh-Hant'), '我們已發送電子郵件回覆給您。');
    assert.equal(drafter.channelMessage('email', 'zh'), '我们已发送电子邮件回复给您。');
    const simplified = drafter.draft({
      text: '我要退货',
      classification: classifier.classify('我要退货'),
      channel: 'email',
    });
    assert.equal(simplified.language, 'zh');
  });

  it('converts the reply vocabulary, words first (回覆, 帳戶)', () => {
    assert.equal(toTraditional('稍后给您回复，请确认账户邮箱'), '稍後給您回覆，請確認帳戶郵箱');
  });
});
