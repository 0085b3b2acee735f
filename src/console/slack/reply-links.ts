/** Permalinks to the threads of the customers a command reply names (`/cs find`). */
import type { CommandReply } from '../../../commands/command.js';
import type { MessageRef } from './poster.js';
import type { SlackRefs } from './refs.js';

export async function threadLinks(
  reply: CommandReply,
  refs: Pick<SlackRefs, 'root'>,
  poster: { permalink(ref: MessageRef): Promise<string | undefined> },
): Promise<Map<string, string>> {
  const ids = new Set(
    reply.sections.flatMap((s) => s.fields.flatMap((f) => (f.customerId ? [f.customerId] : []))),
  );
  const links = new Map<string, string>();
  // A customer without a thread yet (or a failed lookup) is simply shown without a link.
  await Promise.all(
    [...ids].slice(0, 25).map(async (id) => {
      const root = await refs.root(id);
      const link = root ? await poster.permalink(root) : undefined;
      if (link) links.set(id, link);
    }),
  );
  return links;
}
