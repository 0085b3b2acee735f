/** Scenes 6–7: resolving asks for a rating on each channel and in each language; /cs stats counts the day. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TWILIO, waitFor } from '../omni-desk.js';
import { shown, type SlackOwner } from '../slack-owner.js';
import {
  ALICE,
  BOB_PSID,
  DAN_CHAT,
  LI,
  d,
  owner,
  customers,
  kept,
  store,
  settle,
  customerBy,
  pendingDraft,
  twilioTo,
  ratingsOf,
} from './cast.js';

export function ratingScenes(): void {
  /** Resolve from the customer card (the thread root), as the owner taps it. */
  async function resolveInSlack(customerId: string) {
    const root = await owner.rootOf(customerId);
    assert.ok(root, 'the customer has a root');
    const click = await owner.click(root, owner.button(root, 'resolve'));
    assert.equal(click.status, 200);
    await waitFor('the conversation is resolved', async () => {
      const c = await store().latestConversation(customerId);
      return c?.status === 'resolved' && c.ratingRequestedAt !== undefined;
    });
    await settle();
    return root;
  }
  const ratingPosts = (root: Parameters<SlackOwner['thread']>[0]) =>
    owner.thread(root).filter((m) => /Rated \d\/5/.test(shown(m)));

  test('6. Resolve → each channel asks for a rating its own way; the answer is recorded once and shows in the Slack thread', async (t) => {
    await t.test('SMS: "reply 1–5" text; the customer texts 5; a second 5 does not count twice', async () => {
      await customers.sms(ALICE, 'Got it, thanks a lot!');
      await settle();
      const alice = await customerBy('sms', ALICE);
      const before = twilioTo(ALICE).length;
      const root = await resolveInSlack(alice.id);
      await waitFor('the rating request SMS', () => twilioTo(ALICE).length > before);
      const request = twilioTo(ALICE).at(-1)!;
      assert.equal(request.from, TWILIO.number);
      assert.match(request.body ?? '', /Reply with a number from 1 \(poor\) to 5 \(excellent\)/);
      assert.match(shown(root), /resolved/i);

      const conversations = await store().countConversations(alice.id);
      await customers.sms(ALICE, '5');
      await settle();
      assert.deepEqual(
        (await ratingsOf(alice.id)).map((r) => [r.score, r.channel]),
        [[5, 'sms']],
      );
      await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
      assert.match(shown(root), /⭐⭐⭐⭐⭐ 5\/5/);

      await customers.sms(ALICE, '5');
      await settle();
      assert.equal((await store().lastRating(alice.id))?.score, 5);
      assert.equal(ratingPosts(root).length, 1, 'one rating card in the thread');
      assert.equal(
        await store().countConversations(alice.id),
        conversations,
        'a repeated "5" is the same answer, not a new conversation',
      );
      assert.equal((await ratingsOf(alice.id)).length, 1);
    });

    await t.test(
      'Telegram: inline buttons; a tap (callback_query) is recorded once, a second tap is not counted',
      async () => {
        const dan = await customerBy('telegram', String(DAN_CHAT));
        const root = await resolveInSlack(dan.id);
        const request = await waitFor('the Telegram rating request', () =>
          d.telegram.sent.find((m) => m.chatId === String(DAN_CHAT) && m.replyMarkup?.inline_keyboard),
        );
        assert.match(request.text, /Tap a rating from 1 \(poor\) to 5 \(excellent\)/);
        assert.equal(request.replyMarkup?.inline_keyboard?.flat().length, 5);

        await d.telegram.tap(request, 3);
        await settle();
        await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
        assert.deepEqual(
          (await ratingsOf(dan.id)).map((r) => [r.score, r.channel]),
          [[4, 'telegram']],
        );

        await d.telegram.tap(request, 3);
        await settle();
        assert.equal((await ratingsOf(dan.id)).length, 1, 'the second tap is not a second rating');
        assert.equal(ratingPosts(root).length, 1);
        assert.deepEqual(d.telegram.unansweredCallbacks(), [], 'every tap is answered');
        assert.deepEqual(d.telegram.violations, []);
      },
    );

    await t.test('Messenger: quick replies; the quick-reply payload is recorded once', async () => {
      await customers.messenger(BOB_PSID, "Thanks, that's all I needed.");
      await settle();
      const bob = await customerBy('messenger', BOB_PSID);
      const root = await resolveInSlack(bob.id);
      const request = await waitFor('the Messenger rating request', () =>
        d.meta.sent.find((m) => m.recipientId === BOB_PSID && m.quickReplies),
      );
      assert.match(request.text ?? '', /Tap a rating/);
      assert.equal(request.quickReplies?.length, 5);
      const five = request.quickReplies![4]!;

      await customers.messenger(BOB_PSID, five.title!, five.payload);
      await settle();
      await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
      assert.deepEqual(
        (await ratingsOf(bob.id)).map((r) => [r.score, r.channel]),
        [[5, 'messenger']],
      );

      await customers.messenger(BOB_PSID, five.title!, five.payload);
      await settle();
      assert.equal((await ratingsOf(bob.id)).length, 1);
      assert.equal(ratingPosts(root).length, 1);
      assert.deepEqual(d.meta.violations, []);
    });
  });

  test('7. A Chinese customer on the website chat gets a Chinese draft, a Chinese reply and a Chinese rating prompt with stars', async () => {
    const visitor = await customers.webchatVisitor('zh');
    kept.visitor = visitor;
    assert.equal((await visitor.say('你好，我的订单什么时候发货？')).status, 'stored');
    await settle();
    const wei = await customerBy('webchat', visitor.address);
    assert.equal(wei.language, 'zh');
    const draft = await pendingDraft(wei.id);
    assert.equal(draft.language, 'zh');
    assert.match(draft.text, /\p{Script=Han}/u, 'the draft is written in Chinese');
    const card = await owner.draftCard(draft.id);
    assert.ok(shown(card).includes(draft.text.slice(0, 10)), 'the owner sees the Chinese draft');

    const click = await owner.click(card, owner.button(card, 'send'));
    assert.equal(click.status, 200);
    const reply = await visitor.ownerLine('text');
    assert.equal((reply.entry as { text: string }).text, draft.text);

    const root = await resolveInSlack(wei.id);
    const request = await visitor.ownerLine('rating_request');
    const entry = request.entry as { id: string; text: string };
    assert.match(entry.text, /感谢您的联系/, 'the rating prompt is in Chinese');

    visitor.client.send({ type: 'rate', requestId: entry.id, score: 5 });
    const rated = await visitor.client.next((f) => f.type === 'rated');
    assert.equal(rated.score, 5);
    await settle();
    await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
    assert.deepEqual(
      (await ratingsOf(wei.id)).map((r) => [r.score, r.channel]),
      [[5, 'webchat']],
    );

    visitor.client.send({ type: 'rate', requestId: entry.id, score: 5 });
    const refused = await visitor.client.next((f) => f.type === 'error');
    assert.equal(refused.code, 'already_rated');
    await settle();
    assert.equal((await ratingsOf(wei.id)).length, 1);
    assert.equal(ratingPosts(root).length, 1);

    // The visitor reloads the page: the history has their question, the reply and the answered rating.
    const reload = await customers.webchatVisitor('zh', visitor.token);
    try {
      const history = reload.welcome.history as {
        from: string;
        kind: string;
        text: string;
        rated?: number;
      }[];
      assert.deepEqual(
        history.map((e) => [e.from, e.kind]),
        [
          ['visitor', 'text'],
          ['owner', 'text'],
          ['owner', 'rating_request'],
        ],
      );
      assert.equal(history[1]?.text, draft.text);
      assert.equal(history[2]?.rated, 5);
    } finally {
      reload.close();
    }
  });

  test('7a. A Chinese SMS customer: a Chinese draft, a Chinese "reply 1–5" prompt, and "五星" is recorded as 5', async () => {
    await customers.sms(LI, '我的订单4321到哪里了？');
    await settle();
    const li = await customerBy('sms', LI);
    assert.equal(li.language, 'zh');
    const draft = await pendingDraft(li.id);
    assert.equal(draft.language, 'zh');
    assert.match(draft.text, /\p{Script=Han}/u);
    const card = await owner.draftCard(draft.id);
    // The owner fills in what only they know (any [[…]] blanks) in the Edit modal and sends.
    const reply = draft.text.replace(/\[\[[^\]]*\]\]/g, '明天');
    assert.equal(await owner.editAndSend(card, reply), 200);
    await waitFor('the Chinese reply by SMS', () => twilioTo(LI).length === 1);
    assert.equal(twilioTo(LI)[0]?.body, reply);
    assert.equal(twilioTo(LI)[0]?.encoding, 'UCS-2');

    const root = await resolveInSlack(li.id);
    const request = await waitFor('the rating request', () => twilioTo(LI).length === 2 && twilioTo(LI)[1]);
    assert.match(request.body ?? '', /回复 1（很差）到 5（非常好）/);
    await customers.sms(LI, '五星');
    await settle();
    assert.deepEqual(
      (await ratingsOf(li.id)).map((r) => [r.score, r.channel]),
      [[5, 'sms']],
    );
    await waitFor('the rating in the thread', () => ratingPosts(root).length === 1);
  });

  test('7b. /cs stats today counts the day: five customers, every conversation resolved, the five ratings (P, mean)', async () => {
    const uploads = d.slack.callsTo('files.completeUploadExternal').length;
    const reply = await owner.command('stats today');
    // The chart image follows the figures into the channel (Slack shows images).
    await waitFor('the stats chart shared in the channel', () =>
      d.slack.callsTo('files.completeUploadExternal').some((c, i) => i >= uploads && c.ok),
    );
    await d.desk.drain();
    const field = (label: string) => {
      const m = new RegExp(`\\*?${label.replace(/[()]/g, '\\$&')}\\*?\\s*\\\\n([^"\\\\]*)`).exec(reply);
      return m?.[1];
    };
    assert.equal(field('Customers (C)'), '5', 'Alice, Bob (merged), Dan, Wei, Li');
    assert.equal(field('Mean rating'), '4.8 / 5', '5, 4, 5, 5, 5');
    assert.equal(field('Rated 4–5 (P)'), '100%');
    assert.match(field('Ratings') ?? '', /^5 of 5 asked/);
    const conversations = /^(\d+) · (\d+) resolved/.exec(field('Conversations') ?? '');
    assert.ok(conversations, `conversations: ${field('Conversations')}`);
    assert.equal(
      conversations[2],
      conversations[1],
      'every conversation was resolved from its customer card (a merged profile leaves none open)',
    );
    assert.doesNotMatch(reply, /not classified yet/, 'an idle desk has classified every message it counts');
  });
}
