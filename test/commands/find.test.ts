import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFindCommand } from '../../commands/find.js';
import type { MessageMatch, SearchResults, SearchSource } from '../../src/core/search.js';

const owner = { console: 'test', userId: 'owner' };
const msg = (over: Partial<MessageMatch>): MessageMatch => ({
  messageId: 'm',
  customerId: 'c1',
  customerName: '王芳',
  channel: 'sms',
  direction: 'in',
  createdAt: new Date('2026-03-10T01:00:00Z'),
  text: '',
  ...over,
});

function source(results: SearchResults): SearchSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async search(q) {
      asked.push(q.text);
      return results;
    },
  };
}

describe('/cs find', () => {
  it('ranks messages holding the whole query first, then inbound, then newest; one row per customer', async () => {
    const search = source({
      customers: [
        { customerId: 'c1', name: '王芳', field: 'note', value: 'VIP 退货多' },
        { customerId: 'c1', name: '王芳', field: 'name', value: '王芳' },
      ],
      messages: [
        msg({
          messageId: 'newest-out',
          direction: 'out',
          text: '退 货 分开',
          createdAt: new Date('2026-03-12T00:00:00Z'),
        }),
        msg({ messageId: 'exact-old', text: '我想退货', createdAt: new Date('2026-03-01T00:00:00Z') }),
        msg({ messageId: 'exact-new', text: '还是要退货', createdAt: new Date('2026-03-09T00:00:00Z') }),
      ],
    });
    const reply = await createFindCommand({ search, tz: 'Asia/Shanghai', language: 'zh' }).run(
      ['退货'],
      owner,
    );
    assert.equal(reply.title, '查找“退货”');
    assert.deepEqual(search.asked, ['退货']);
    const [customers, messages] = reply.sections;
    assert.equal(customers?.heading, '客户（1）');
    assert.deepEqual(customers?.fields, [{ label: '王芳', value: '姓名: 王芳', customerId: 'c1' }]);
    assert.equal(messages?.heading, '消息（3）');
    assert.deepEqual(
      messages?.fields.map((f) => f.value),
      ['← 还是要退货', '← 我想退货', '→ 退 货 分开'],
    );
    // The date is the owner's (Asia/Shanghai): midnight UTC is 08:00 there.
    assert.equal(messages?.fields[1]?.label, '王芳 · sms · 2026-03-01 08:00');
    assert.equal(messages?.fields[0]?.customerId, 'c1');
  });

  it('says so when nothing matches, and explains usage without words', async () => {
    const empty = source({ customers: [], messages: [] });
    const find = createFindCommand({ search: empty, tz: 'UTC' });
    const none = await find.run(['zzz'], owner);
    assert.equal(none.text, 'Nothing found for “zzz”.');
    const usage = await find.run([], owner);
    assert.equal(usage.usage, true);
    assert.deepEqual(empty.asked, ['zzz']);
  });

  it('cuts a long message to a snippet around the match', async () => {
    const long = `${'x'.repeat(300)} order #7781 arrived broken ${'y'.repeat(300)}`;
    const reply = await createFindCommand({
      search: source({ customers: [], messages: [msg({ text: long, customerName: 'Bob' })] }),
      tz: 'UTC',
    }).run(['7781'], owner);
    const value = reply.sections[0]?.fields[0]?.value ?? '';
    assert.match(value, /order #7781 arrived broken/);
    assert.ok(value.length < 160, value);
  });
});
