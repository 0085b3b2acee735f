/** Links to the forum posts of the customers a command reply names (`/cs find`). */
import type { CommandReply } from '../../../commands/command.js';
import type { DiscordRefs } from './refs.js';

export async function postLinks(
  reply: CommandReply,
  refs: Pick<DiscordRefs, 'post'>,
  guildId: string,
): Promise<Map<string, string>> {
  const ids = new Set(
    reply.sections.flatMap((s) => s.fields.flatMap((f) => (f.customerId ? [f.customerId] : []))),
  );
  const links = new Map<string, string>();
  await Promise.all(
    [...ids].map(async (id) => {
      const threadId = await refs.post(id);
      if (threadId) links.set(id, `https://discord.com/channels/${guildId}/${threadId}`);
    }),
  );
  return links;
}
