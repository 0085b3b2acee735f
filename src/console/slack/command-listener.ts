/**
 * `/cs` in Slack: only SLACK_OWNER_IDS; acknowledged at once, answered ephemerally (response_url,
 * then chat.postEphemeral), with thread links, a chart upload or exported files when the command
 * returns them.
 */
import type { App, RespondFn } from '@slack/bolt';
import type { Command, CommandReply } from '../../../commands/command.js';
import type { OwnerLanguage } from '../card.js';
import { linkThreads } from '../command-links.js';
import { renderCommandReply } from './blocks.js';
import { sendFilesToOwner } from './command-extras.js';
import { slackLabel, type SlackLabelKey } from './slack-labels.js';
import { actorOf } from './actor.js';
import type { ListenerDeps, Tell } from './listeners.js';

export function registerCommand(app: App, deps: ListenerDeps, tell: Tell): void {
  const { logger, language: lang } = deps;
  const t = (key: SlackLabelKey, vars?: Record<string, string | number>) => slackLabel(lang, key, vars);
  app.command(deps.commandName, ({ ack, command, respond }) => deps.track(onCommand(ack, command, respond)));

  async function onCommand(
    ack: (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>,
    command: { user_id: string; user_name?: string; channel_id: string; text: string },
    respond: RespondFn,
  ) {
    if (!deps.ownerIds.has(command.user_id)) {
      await ack({ response_type: 'ephemeral', text: t('notOwner') });
      return;
    }
    await ack();
    const [name = 'help', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const actor = actorOf({ id: command.user_id, name: command.user_name }, lang);
    const where = { channel: command.channel_id, user: command.user_id };
    let reply: CommandReply;
    try {
      const found = deps.commands.find((c) => c.name === name.toLowerCase());
      if (found) reply = await found.run(args, actor);
      else if (name.toLowerCase() === 'help') reply = builtinHelp(deps.commands, lang, deps.commandName);
      else return tell(respond, where, t('unknownCommand', { name }));
    } catch (err) {
      logger.error({ command: name, err: (err as Error).message }, 'slack command failed');
      return tell(respond, where, t('failed'));
    }
    await linkThreads(reply, async (customerId) => {
      const root = await deps.refs.root(customerId);
      return root ? deps.poster.permalink(root) : undefined;
    });
    const rendered = renderCommandReply(reply);
    try {
      await respond({ response_type: 'ephemeral', ...rendered });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'slack command respond failed; posting ephemeral');
      await deps.poster
        .ephemeral({ channel: command.channel_id, user: command.user_id, ...rendered })
        .catch(() => undefined);
    }
    if (reply.image) {
      await deps.poster
        .upload({
          channel: command.channel_id,
          filename: reply.image.filename,
          data: Buffer.from(reply.image.png),
          title: reply.image.alt,
        })
        .catch((err: Error) => logger.warn({ err: err.message }, 'slack chart upload failed'));
    }
    if (reply.files?.length)
      await sendFilesToOwner(app, deps.poster, command.user_id, reply).catch((err: Error) => {
        logger.warn({ err: err.message }, 'slack export upload failed');
        return tell(respond, where, t('failed'));
      });
  }
}

function builtinHelp(commands: readonly Command[], lang: OwnerLanguage, commandName: string): CommandReply {
  return {
    title: slackLabel(lang, 'helpTitle'),
    sections: [
      {
        fields: commands.map((c) => ({ label: `${commandName} ${c.usage}`, value: c.summary[lang] })),
      },
    ],
  };
}
