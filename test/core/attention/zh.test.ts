import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findCommand } from '../../../commands/index.js';
import { customerCard } from '../../../src/console/card.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { LONDON, MONDAY_10, settle, TestClock } from './support.js';

const OWNER = { console: 'test', userId: 'owner', language: 'zh' };

describe('attention for a Chinese-speaking owner (OWNER_LANGUAGE=zh, TZ=Asia/Shanghai)', () => {
  const clock = new TestClock(new Date(MONDAY_10)); // 18:00 in Beijing: closing time
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({
      env: { ...LONDON, TZ: 'Asia/Shanghai', OWNER_LANGUAGE: 'zh', AUTO_ACK: 'always' },
      overrides: { clock },
    });
  });
  after(() => t.stop());

  it('answers /cs hours, /cs away and /cs due in Chinese', async () => {
    const hours = await findCommand(t.desk.commands, 'hours')!.run([], OWNER);
    assert.equal(hours.title, '营业时间');
    assert.equal(hours.sections[0]!.fields.find((f) => f.label === '当前')?.value, '已下班');
    assert.equal(hours.sections[0]!.fields.find((f) => f.label === '下次营业')?.value, '周二 09:00');
    const away = await findCommand(t.desk.commands, 'away')!.run(['for', '1h'], OWNER);
    assert.match(away.text ?? '', /您已暂离，直到 19:00/);
    await findCommand(t.desk.commands, 'back')!.run([], OWNER);

    await t.connector.intake().receive(sms('我的订单什么时候发货？', '+8613800138000'));
    await settle(t.desk);
    const ack = t.connector.sent.find((m) => m.purpose === 'ack');
    assert.equal(ack?.text, '感谢您的留言。我们现在不在线，将于周二 09:00（北京时间）回复您。');
    const due = await findCommand(t.desk.commands, 'due')!.run([], OWNER);
    assert.equal(due.title, '等待回复（1）');
    assert.match(due.sections[0]!.fields[0]!.value, /订单 · 已等待 0 分钟 · 19 小时内需回复/);
  });

  it('shows the due line on the card and reminds in Chinese', async () => {
    const view = (await t.console.desk().view(t.connector.sent[0]!.customer.id))!;
    const card = customerCard(view, { language: 'zh', timeZone: 'Asia/Shanghai', now: clock.now() });
    assert.equal(card.fields.find((f) => f.label === '回复期限')?.value, '⏳ 19 小时内需回复 (周二 13:00)');
    clock.set('2026-12-08T06:00:00Z'); // Tuesday 14:00 in Beijing
    await t.desk.scheduler.tick();
    await settle(t.desk);
    const reminder = t.console.events.find((e) => e.type === 'notice' && e.mention);
    assert.ok(reminder && reminder.type === 'notice');
    assert.match(reminder.text, /的回复已超时：应于 13:00 回复（已超过 1 小时）/);
  });
});
