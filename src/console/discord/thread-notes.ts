/**
 * Free text (and attachments) the owner posts in a customer's forum post: internal, it becomes a
 * pending-reply card, never a send. Only owners; a redelivered event makes no second card.
 */
import type { Message } from 'discord.js';
import { shareFromThread } from '../share-files.js';
import { actorOf, rolesOf } from './actor.js';
import { discordFiles } from './file-share.js';
import type { HandlerDeps } from './interactions.js';
import { discordLabel } from './labels.js';

export function threadNoteHandler(
  deps: HandlerDeps,
  isOwner: (userId: string, roles: readonly string[]) => boolean,
): (message: Message) => void {
  const { logger } = deps;
  /** Free text in a customer's post is internal: it becomes a pending-reply card, never a send. */
  async function handleMessage(message: Message): Promise<void> {
    if (!message.inGuild() || message.guildId !== deps.guildId) return;
    if (message.author.bot || message.system) return;
    const channel = message.channel;
    if (!channel.isThread() || channel.parentId !== deps.forumId) return;
    const customerId = await deps.refs.customerOfThread(channel.id);
    if (!customerId) return;
    if (!isOwner(message.author.id, rolesOf(message.member))) {
      logger.warn({ user: message.author.id }, 'discord post text by a non-owner ignored');
      return;
    }
    const text = message.content.trim();
    const files = discordFiles(message.attachments);
    if (!text && files.length === 0) {
      logger.warn(
        { messageId: message.id },
        'owner text arrived empty: is the Message Content intent enabled?',
      );
      return;
    }
    const desk = deps.desk();
    if (!desk) return;
    if (await deps.refs.noteDraft(message.id)) return; // a redelivered event makes no second card
    const actor = actorOf(message.author, deps.language);
    // An attachment: a pending reply that carries the file (../share-files.ts).
    const draft =
      files.length && deps.files
        ? await shareFromThread(
            desk,
            deps.files,
            { customerId, text, files, actor, lang: deps.language },
            (line) => channel.send({ content: `-# ${line}`, allowedMentions: { parse: [] } }),
          )
        : await desk.note(customerId, text, actorOf(message.author, deps.language));
    if (draft) await deps.refs.setNoteDraft(message.id, draft.id);
    else await channel.send({ content: `-# ${discordLabel(deps.language, 'noteFailed')}` });
  }

  return function onMessage(message: Message): void {
    void handleMessage(message).catch((error: unknown) =>
      logger.error({ messageId: message.id, err: (error as Error).message }, 'discord owner text failed'),
    );
  };
}
