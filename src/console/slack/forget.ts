/**
 * /cs forget in Slack: the customer's thread is deleted — every reply the bot posted, then the
 * root card — with chat.delete. A bot token can delete only the bot's own posts: the owner's
 * own replies in the thread stay (Slack allows only their author or an admin to remove them).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import type { SlackPoster } from './poster.js';
import type { SlackRefs } from './refs.js';

type WebClient = webApi.WebClient;

export async function eraseSlackThread(
  client: WebClient,
  poster: SlackPoster,
  refs: SlackRefs,
  customerId: string,
  logger: Logger,
): Promise<number> {
  const root = await refs.root(customerId);
  if (!root) return 0;
  const posts: { ts: string; mine: boolean }[] = [];
  let cursor: string | undefined;
  do {
    const page = await poster.unpaced('conversations.replies', () =>
      client.conversations.replies({
        channel: root.channel,
        ts: root.ts,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const m of page.messages ?? [])
      if (m.ts) posts.push({ ts: m.ts, mine: Boolean(m.bot_id) || !m.user });
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  // Replies first: deleting a root with replies left would leave a "deleted message" stub.
  const ordered = [...posts.filter((p) => p.ts !== root.ts), ...posts.filter((p) => p.ts === root.ts)];
  let deleted = 0;
  for (const post of ordered) {
    if (!post.mine && post.ts !== root.ts) continue;
    try {
      await poster.unpaced('chat.delete', () => client.chat.delete({ channel: root.channel, ts: post.ts }));
      deleted += 1;
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'slack forget: a thread post could not be deleted');
    }
  }
  return deleted;
}
