/**
 * The parts of a command reply beyond its text: files go to the owner only (a direct message
 * from the bot: conversations.open, then the external upload), never into the shared channel;
 * a confirmation (an erasure) is a button that runs the command again with its `yes`.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Command, CommandReply } from '../../../commands/command.js';
import type { Logger } from '../../core/ports.js';
import type { OwnerLanguage } from '../card.js';
import { renderCommandReply, renderLine } from './blocks.js';
import type { SlackPoster } from './poster.js';
import { slackLabel } from './slack-labels.js';

export const CONFIRM_ACTION = 'sd_confirm';

/** The button's value: the command and its arguments. */
export function confirmValue(confirm: NonNullable<CommandReply['confirm']>): string {
  return JSON.stringify({ c: confirm.command, a: confirm.args });
}

/** Uploads the reply's files into the owner's direct messages with the bot. */
export async function sendFilesToOwner(app: App, poster: SlackPoster, owner: string, reply: CommandReply) {
  if (!reply.files?.length) return;
  const opened = await poster.unpaced('conversations.open', () =>
    app.client.conversations.open({ users: owner }),
  );
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  for (const file of reply.files)
    await poster.upload({
      channel,
      filename: file.filename,
      data: Buffer.from(file.data),
      title: file.filename,
    });
}

export function registerConfirm(
  app: App,
  deps: {
    poster: SlackPoster;
    commands: readonly Command[];
    ownerIds: ReadonlySet<string>;
    language: OwnerLanguage;
    logger: Logger;
    track: <T>(work: Promise<T>) => Promise<T>;
  },
): void {
  const say = (respond: RespondFn, text: string) =>
    respond({ response_type: 'ephemeral', replace_original: true, ...renderLine(text) });
  async function onConfirm(body: BlockAction, value: string | undefined, respond: RespondFn) {
    if (!deps.ownerIds.has(body.user.id)) return say(respond, slackLabel(deps.language, 'notOwner'));
    let parsed: { c: string; a: string[] } | undefined;
    try {
      parsed = JSON.parse(value ?? '') as { c: string; a: string[] };
    } catch {
      parsed = undefined;
    }
    const command = parsed && deps.commands.find((c) => c.name === parsed.c);
    if (!parsed || !command || !Array.isArray(parsed.a))
      return say(respond, slackLabel(deps.language, 'failed'));
    try {
      const reply = await command.run(parsed.a.map(String), {
        console: 'slack',
        userId: body.user.id,
        language: deps.language,
      });
      await respond({ response_type: 'ephemeral', replace_original: true, ...renderCommandReply(reply) });
      await sendFilesToOwner(app, deps.poster, body.user.id, reply);
    } catch (err) {
      deps.logger.error({ command: parsed.c, err: (err as Error).message }, 'slack confirmed command failed');
      await say(respond, slackLabel(deps.language, 'failed'));
    }
  }
  app.action<BlockAction<ButtonAction>>(CONFIRM_ACTION, ({ ack, body, action, respond }) =>
    deps.track(
      (async () => {
        await ack();
        await onConfirm(body, action.value, respond);
      })(),
    ),
  );
}
