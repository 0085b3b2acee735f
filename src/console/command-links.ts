/** Links the lines of a command reply that name a customer (`/cs due`) to that customer's thread. */
import type { CommandReply } from '../../commands/command.js';

export async function linkThreads(
  reply: CommandReply,
  linkOf: (customerId: string) => Promise<string | undefined>,
): Promise<void> {
  for (const section of reply.sections) {
    for (const field of section.fields) {
      if (!field.customerId || field.link) continue;
      const link = await linkOf(field.customerId).catch(() => undefined);
      if (link) field.link = link;
    }
  }
}
