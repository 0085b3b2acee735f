/**
 * What a console asks the desk before rendering an event's cards: the "Send via" choices of
 * a pending draft and whether Call back can be offered. Shared by every console.
 */
import type { DeskApi, DeskEvent } from '../core/ports.js';
import type { CardContext, CardOptions } from './card-model.js';

export async function cardContext(
  desk: DeskApi | undefined,
  event: DeskEvent,
  base: CardOptions,
): Promise<CardContext> {
  const ctx: CardContext = { ...base };
  if (!desk) return ctx;
  ctx.canCallBack = desk.canCallBack(event.view);
  const now = desk.now?.();
  if (now) ctx.now = now;
  const draft = event.type === 'draft' || event.type === 'inbound' ? event.draft : undefined;
  if (draft && draft.status === 'pending') {
    ctx.replyChannels = await desk.replyChannels(draft.id);
    if (await desk.canSendTemplate?.(draft.id)) ctx.canSendTemplate = true;
  }
  return ctx;
}
