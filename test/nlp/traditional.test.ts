import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectRequestedChannel } from '../../src/nlp/requested-channel.js';
import { detectChineseScript } from '../../src/nlp/script.js';
import { toSimplified } from '../../src/nlp/traditional.js';

describe('Traditional → Simplified (issue 17, sixth pass: a complete character table)', () => {
  it('converts the characters the old ~250-character list missed (failed before the table)', () => {
    assert.equal(toSimplified('請幫我撥個電話，講一下報價'), '请帮我拨个电话，讲一下报价');
    assert.equal(toSimplified('麻煩儘快處理，謝謝'), '麻烦尽快处理，谢谢');
    assert.equal(toSimplified('包裹還在海關，稅費誰付？'), '包裹还在海关，税费谁付？');
    assert.equal(toSimplified('頭髮、麵包、鬆餅、團購、鍋爐、壞掉'), '头发、面包、松饼、团购、锅炉、坏掉');
    assert.equal(toSimplified('於週末之後'), '于周末之后');
    assert.equal(toSimplified('帳戶和帳號'), '账户和账号');
  });

  it('leaves Simplified text as it is, also where a character has a Traditional reading', () => {
    for (const s of ['著名的俱乐部', '大阪的姊妹店', '摔跤', '我的订单怎么还没到？', '后台里面'])
      assert.equal(toSimplified(s), s);
  });

  it('keeps Cantonese 係 (是) for the rules, and reads 關係 as 关系', () => {
    assert.equal(toSimplified('係咪可以'), '係咪可以');
    assert.equal(toSimplified('沒關係'), '没关系');
  });

  it('the requested-channel rules read Traditional through it (their local patch is gone)', () => {
    assert.equal(detectRequestedChannel('好了請回撥給我'), 'phone');
    assert.equal(detectRequestedChannel('直接電話裡講一下吧'), 'phone');
    assert.equal(detectRequestedChannel('請用簡訊講一聲'), 'sms');
    assert.equal(detectRequestedChannel('報價單麻煩發郵件給我'), 'none');
    assert.equal(detectRequestedChannel('有咩事搵我，電話 6123 4567'), 'phone');
    assert.equal(detectRequestedChannel('你哋唔好打俾我'), 'none');
  });

  it('the script detector does not count characters Traditional text shares (了, 台, 里, 面)', () => {
    assert.equal(detectChineseScript('了台里面'), undefined);
    assert.equal(detectChineseScript('我已經到了台北，裡面沒有'), 'Hant');
    assert.equal(detectChineseScript('我们已经到了台北，里面没有'), 'Hans');
  });
});
