/**
 * Free text (and files) the owner writes in a customer's Slack thread: internal, it becomes a
 * pending-reply card, never a send. Only SLACK_OWNER_IDS; a redelivered event makes no second card.
 */
import type { App } from '@slack/bolt';
import type { Actor } from '../../core/model.js';
import { renderLine } from './blocks.js';
import { slackFiles, type SlackFile } from './file-share.js';
import { shareFromThread } from '../share-files.js';
import { slackLabel, type SlackLabelKey } from './slack-labels.js';
import type { ListenerDeps } from './listeners.js';

/** Slack escapes &, < and > in message text; the customer should get the characters. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function registerThreadNotes(app: App, deps: ListenerDeps): void {
  const { logger, language: lang } = deps;
  const t = (key: SlackLabelKey) => slackLabel(lang, key);
  app.event('message', ({ event, context }) => deps.track(onMessage(event, context.botUserId)));

  async function onMessage(event: unknown, botUserId: string | undefined) {
    const m = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
      files?: SlackFile[];
    };
    if ((m.subtype && m.subtype !== 'file_share') || m.bot_id || !m.user || m.user === botUserId) return;
    if (!m.thread_ts || m.thread_ts === m.ts) return;
    const customerId = await deps.refs.customerOfThread(m.channel, m.thread_ts);
    if (!customerId) return;
    const user = m.user;
    const whisper = (key: SlackLabelKey) =>
      deps.poster
        .ephemeral({ channel: m.channel, user, thread_ts: m.thread_ts, ...renderLine(t(key)) })
        .catch(() => undefined);
    if (!deps.ownerIds.has(user)) {
      logger.warn({ user }, 'slack thread text by a non-owner ignored');
      return whisper('notOwner');
    }
    const desk = deps.desk();
    const files = slackFiles(m.files);
    if (!desk || (!m.text?.trim() && files.length === 0)) return;
    // Durable guard on top of the event-id one: a redelivery after a restart makes no second card.
    if (await deps.refs.noteDraft(m.channel, m.ts)) return;
    const actor: Actor = { console: 'slack', userId: user, language: lang };
    const text = unescapeSlack(m.text ?? '');
    // A file shared in the thread: a pending reply that carries it (file-share.ts).
    const draft =
      files.length && deps.files
        ? await shareFromThread(desk, deps.files, { customerId, text, files, actor, lang }, (line) =>
            deps.poster
              .ephemeral({ channel: m.channel, user, thread_ts: m.thread_ts, ...renderLine(line) })
              .catch(() => undefined),
          )
        : await desk.note(customerId, text, actor);
    if (draft) await deps.refs.setNoteDraft(m.channel, m.ts, draft.id);
    else await whisper('noteFailed');
  }
}
