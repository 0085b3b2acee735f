/**
 * A hostile customer's strings (name, subject, address, file name, content type, text,
 * a rating comment) rendered for each owner console must arrive inert: no Slack mention or
 * disguised link, no Discord markdown, masked link or mention. The neutral card keeps the
 * raw text; each console's renderer is the one place that escapes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardsFor, noticeCard, type Card } from '../../src/console/card.js';
import type { Draft, Message, Rating } from '../../src/core/model.js';
import type { CustomerView } from '../../src/core/ports.js';
import * as discord from '../../src/console/discord/render.js';
import * as slack from '../../src/console/slack/blocks.js';

const at = new Date('2026-12-01T10:00:00Z');
const NAME = '<!channel> *Bank* @everyone';
const SUBJECT = 'Invoice <http://evil.example|bank.com> [link](http://evil.example) <@&123>';
const TEXT = [
  '<!here> please call <http://evil.example|https://bank.com/login>',
  '@everyone @here <@&987654321> <#555>',
  '[bank.com](http://evil.example) **URGENT** # Owner: wire money now',
  '> quoted -# small',
  '-# tiny',
].join('\n');

const view: CustomerView = {
  customer: { id: 'c1', name: NAME, createdAt: at, optedOut: [] },
  identities: [
    { channel: 'email', address: 'x<!subteam^S1>@evil.example', displayName: '<@U0OWNER> [me](http://e)' },
    { channel: 'discord', address: '42', displayName: '@everyone' },
  ],
  conversation: {
    id: 'v1',
    customerId: 'c1',
    channel: 'email',
    status: 'open',
    openedAt: at,
    lastInboundAt: at,
  },
  counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
};

const message: Message = {
  id: 'm1',
  conversationId: 'v1',
  customerId: 'c1',
  direction: 'in',
  channel: 'email',
  kind: 'text',
  externalId: 'x',
  replyRef: 'email:a:b',
  address: 'x<!subteam^S1>@evil.example',
  text: TEXT,
  subject: SUBJECT,
  attachments: [
    {
      name: '<!channel>[bank](http://evil.example).pdf',
      contentType: '*bold*<!here>',
      size: 10,
      url: 'https://files.example/a.pdf',
    },
    { name: 'x.pdf', contentType: 'application/pdf', size: 10, url: 'http://e.example/a>|<!here' },
  ],
  meta: { '<!channel>': '<http://evil.example|ok>' },
  createdAt: at,
  stage: 'stored',
};

const draft: Draft = {
  id: 'd1',
  customerId: 'c1',
  conversationId: 'v1',
  text: `Hi ${NAME}, about ${SUBJECT}`,
  language: 'en',
  channel: 'email',
  replyRef: 'email:a:b',
  origin: 'auto',
  status: 'pending',
  createdAt: at,
};

const rating: Rating = {
  id: 'r1',
  customerId: 'c1',
  conversationId: 'v1',
  channel: 'email',
  score: 1,
  comment: TEXT,
  createdAt: at,
};

function hostileCards(): Card[] {
  const opts = { language: 'en' as const, replyChannels: ['email' as const, 'discord' as const] };
  return [
    ...cardsFor({ type: 'inbound', view, message, draft }, opts),
    ...cardsFor({ type: 'rating', view, rating }, opts),
    noticeCard(view, `${NAME} merged: ${TEXT}`, opts),
  ];
}

test('the neutral card keeps the customer text raw (escaping is each console renderer’s job)', () => {
  const [, inbound] = hostileCards();
  assert.ok(inbound?.title.includes(SUBJECT));
  assert.equal(inbound?.body?.text, TEXT);
  assert.equal(inbound?.attachments[0]?.contentType, '*bold*<!here>');
});

// ------------------------------------------------------------------ Slack

type TextObj = { type: string; text: string };

function slackTexts(value: unknown, out: TextObj[] = []): TextObj[] {
  if (Array.isArray(value)) for (const v of value) slackTexts(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
      out.push(o as unknown as TextObj);
    for (const v of Object.values(o)) slackTexts(v, out);
  }
  return out;
}

/** What Slack would turn into a mention, a link or styling in a mrkdwn string. */
function slackLive(mrkdwn: string, allowedLinks: readonly string[]): string[] {
  const problems: string[] = [];
  for (const m of mrkdwn.matchAll(/<([^>]*)>/g)) {
    const inner = m[1] ?? '';
    if (!allowedLinks.some((url) => inner === url || inner.startsWith(`${url}|`)))
      problems.push(`live <…>: ${m[0]}`);
    else if (/[<>]/.test(inner.split('|')[1] ?? '')) problems.push(`markup in link label: ${m[0]}`);
  }
  // Styling opens at a start or after a space/punctuation: customer text must not open any.
  for (const m of mrkdwn.matchAll(/(?<=^|[\s\p{P}\p{S}])[*_~`](?=\S)/gu))
    problems.push(
      `styling ${m[0]} at ${m.index}: …${mrkdwn.slice(Math.max(0, m.index - 10), m.index + 10)}…`,
    );
  return problems;
}

test('Slack: a hostile customer renders inert in every card, mrkdwn part and notification text', () => {
  const allowedLinks = ['https://files.example/a.pdf'];
  for (const card of hostileCards()) {
    const rendered = slack.renderCard(card, 'en');
    for (const t of slackTexts(rendered.blocks)) {
      if (t.type === 'mrkdwn')
        assert.deepEqual(slackLive(t.text, allowedLinks), [], `${card.kind}: ${t.text.slice(0, 80)}`);
    }
    // The notification text is parsed as mrkdwn too.
    assert.deepEqual(slackLive(rendered.text, []), [], `${card.kind} fallback: ${rendered.text}`);
    // Nothing of the customer's was dropped: the text is still all there, shown as typed.
    const shown = slackTexts(rendered.blocks)
      .map((t) => t.text)
      .join('\n');
    if (card.kind === 'inbound') {
      assert.ok(shown.includes(TEXT), 'the body as typed, in plain_text');
      assert.ok(shown.includes(SUBJECT), 'the subject as typed, in plain_text');
      assert.match(shown, /∗bold\*&lt;!here&gt;/, 'the content type, made inert in the link label');
      // A URL that could close the link is not made a link at all.
      assert.ok(!shown.includes('<http://e.example'));
    }
  }
  // The draft's Edit modal starts from the plain text: never escaped.
  const modal = slack.editModal({ id: 'd1', text: draft.text, channelName: 'Email' }, 'en');
  assert.ok(JSON.stringify(modal).includes(JSON.stringify(draft.text).slice(1, -1)));
  // Ephemeral lines and command replies that name a customer are inert too.
  const line = slack.renderLine(`Sent to ${NAME}`);
  assert.deepEqual(slackLive(line.text, []), []);
  assert.ok(slackTexts(line.blocks).every((t) => t.type === 'plain_text'));
  const reply = slack.renderCommandReply({
    title: 'Find',
    sections: [{ heading: NAME, fields: [{ label: NAME, value: TEXT }] }],
    text: TEXT,
  });
  for (const t of slackTexts(reply.blocks))
    if (t.type === 'mrkdwn') assert.deepEqual(slackLive(t.text, []), [], t.text);
  assert.deepEqual(slackLive(reply.text, []), []);
});

// ------------------------------------------------------------------ Discord

/** What Discord would render as markdown, a link or a mention in a content/embed string. */
function discordLive(markdown: string, allowedLinks: readonly string[]): string[] {
  const problems: string[] = [];
  const unescaped = (i: number) => {
    let slashes = 0;
    for (let j = i - 1; j >= 0 && markdown[j] === '\\'; j -= 1) slashes += 1;
    return slashes % 2 === 0;
  };
  for (const m of markdown.matchAll(/@(everyone|here)/gi)) problems.push(`mention ${m[0]}`);
  for (const m of markdown.matchAll(/<(@[!&]?\d+|#\d+|https?:[^>]*)>/g))
    if (unescaped(m.index) && !allowedLinks.some((u) => m[0] === `<${u}>`)) problems.push(`live ${m[0]}`);
  // A masked link: an unescaped [, then the first unescaped ] right before a (.
  for (let i = 0; i < markdown.length; i += 1) {
    if (markdown[i] !== '[' || !unescaped(i)) continue;
    let j = i + 1;
    while (j < markdown.length && !(markdown[j] === ']' && unescaped(j))) j += 1;
    if (markdown[j + 1] !== '(') continue;
    const close = markdown.indexOf(')', j);
    const target = markdown.slice(j + 2, close).replace(/^<|>$/g, '');
    if (!allowedLinks.includes(target)) problems.push(`masked link ${markdown.slice(i, close + 1)}`);
  }
  for (const m of markdown.matchAll(/\*\*[^*\n]*\*\*|__[^_\n]*__|~~[^~\n]*~~|\|\|[^|\n]*\|\|/g)) {
    // The desk's own bold labels are fine; customer styling must be escaped.
    if (unescaped(m.index) && /URGENT|Bank/.test(m[0])) problems.push(`styling ${m[0]}`);
  }
  for (const line of markdown.split('\n')) {
    const body = line.replace(/^> /, '');
    if (/^(#{1,3} |-# |> )/.test(body) && /Owner|tiny|quoted/.test(body)) problems.push(`line ${line}`);
  }
  return problems;
}

test('Discord: a hostile customer renders inert in every card, with allowed_mentions none', () => {
  const allowedLinks = ['https://files.example/a.pdf'];
  for (const card of hostileCards()) {
    const parts = discord.renderCard(card, 'en');
    for (const part of parts) {
      assert.deepEqual(part.allowedMentions, { parse: [] }, `${card.kind}: allowed_mentions`);
      assert.deepEqual(discordLive(part.content, allowedLinks), [], `${card.kind}: ${part.content}`);
    }
    if (card.kind === 'inbound') {
      const content = parts.map((p) => p.content).join('\n');
      // The attachment is one link to the platform's URL, its label the name as typed.
      assert.ok(
        content.includes('[\\<!channel>\\[bank\\](http://evil.example).pdf](<https://files.example/a.pdf>)'),
      );
      assert.match(content, /\\\[link\\\]\(http:\/\/evil\.example\)/, 'the masked link shows as typed');
      assert.match(content, /@\u200beveryone/);
      // A URL that could break out of the link is not made a link.
      assert.ok(!content.includes('(<http://e.example'));
    }
  }
  const full = discord.fullText(TEXT, 'en');
  assert.deepEqual(full.allowedMentions, { parse: [] });
  assert.deepEqual(discordLive(full.content, []), [], full.content);
  const reply = discord.renderCommandReply({
    title: NAME,
    sections: [{ heading: SUBJECT, fields: [{ label: NAME, value: TEXT }] }],
    text: TEXT,
  });
  assert.deepEqual(reply.allowedMentions, { parse: [] });
  for (const s of [
    reply.content,
    ...reply.embeds.flatMap((e) => [e.title ?? '', ...e.fields.flatMap((f) => [f.name, f.value])]),
  ])
    assert.deepEqual(discordLive(s, []), [], s);
  // The Edit modal's input starts from the plain draft text: never escaped.
  const modal = discord.editModal({ id: 'd1', text: draft.text }, 'Email', 'en').toJSON();
  assert.ok(JSON.stringify(modal).includes(JSON.stringify(draft.text).slice(1, -1)));
});
