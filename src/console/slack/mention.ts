/** A reply-due reminder mentions the owners, so Slack notifies them even in a muted thread. */
import type { RenderedMessage } from './blocks.js';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function withMention(rendered: RenderedMessage, ids: readonly string[]): RenderedMessage {
  const mentions = ids.filter((id) => USER_ID.test(id)).map((id) => `<@${id}>`);
  if (mentions.length === 0) return rendered;
  const line = mentions.join(' ');
  return {
    ...rendered,
    text: `${line} ${rendered.text}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line } }, ...rendered.blocks],
  };
}
